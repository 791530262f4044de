import Database
import FerryAPI
import Testing

@Suite struct ConfigurationTests {
    @Test func defaultsApplyWhenUnset() throws {
        #expect(try Configuration.load(from: [:]).maxBodySize == 1_048_576)
    }

    @Test func badValueNamesTheVariableAndTheAcceptedForm() {
        #expect { try Configuration.load(from: ["MAX_BODY_SIZE": "-5"]) } throws: { error in
            "\(error)" == "MAX_BODY_SIZE: '-5' is not a whole number from 1 to 1073741824"
        }
    }

    @Test func dotEnvFillsInUnderTheEnvironment() {
        let merged = DotEnvFile.merged(
            environment: ["A": "from-env"],
            fileContents: "# comment\nA=from-file\nexport B = \"quoted value\"\nC='single'\nnot a pair\n")
        #expect(merged == ["A": "from-env", "B": "quoted value", "C": "single"])
    }
}
