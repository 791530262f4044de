import Database
import FerryAPI
import Testing

@Suite struct ConfigurationTests {
    static let secret = ["JWT_SECRET": String(repeating: "s", count: 32)]

    @Test func defaultsApplyWhenUnset() throws {
        let configuration = try Configuration.load(from: Self.secret)
        #expect(configuration.maxBodySize == 1_048_576)
        #expect(configuration.accessTokenExpireMinutes == 30)
        #expect(!configuration.developmentMode && configuration.warnings.isEmpty)
    }

    @Test func aMissingOrShortSecretStopsStartUpOutsideDevelopmentMode() {
        #expect { try Configuration.load(from: [:]) } throws: { "\($0)".hasPrefix("JWT_SECRET: is not set") }
        #expect { try Configuration.load(from: ["JWT_SECRET": "short"]) } throws: { "\($0)".hasPrefix("JWT_SECRET: is 5 bytes") }
    }

    @Test func developmentModeGeneratesASecretAndSaysSo() throws {
        let configuration = try Configuration.load(from: ["FERRY_ENV": "development"])
        #expect(configuration.jwtSecret.count >= 32)
        #expect(configuration.warnings.count == 1)
        #expect { try Configuration.load(from: ["FERRY_ENV": "staging"]) } throws: { "\($0)".hasPrefix("FERRY_ENV:") }
    }

    @Test func badValueNamesTheVariableAndTheAcceptedForm() {
        #expect { try Configuration.load(from: Self.secret.merging(["MAX_BODY_SIZE": "-5"]) { $1 }) } throws: { error in
            "\(error)" == "MAX_BODY_SIZE: '-5' is not a whole number from 1 to 1073741824"
        }
    }

    @Test func accessLogIsOffInProductionOnInDevelopmentAndSwitchable() throws {
        #expect(try !Configuration.load(from: Self.secret).accessLog)
        #expect(try Configuration.load(from: ["FERRY_ENV": "development"]).accessLog)
        #expect(try Configuration.load(from: Self.secret.merging(["ACCESS_LOG": "on"]) { $1 }).accessLog)
        #expect { try Configuration.load(from: Self.secret.merging(["ACCESS_LOG": "maybe"]) { $1 }) } throws: {
            "\($0)".hasPrefix("ACCESS_LOG: 'maybe' is not a boolean")
        }
    }

    @Test func dotEnvFillsInUnderTheEnvironment() {
        let merged = DotEnvFile.merged(
            environment: ["A": "from-env"],
            fileContents: "# comment\nA=from-file\nexport B = \"quoted value\"\nC='single'\nnot a pair\n")
        #expect(merged == ["A": "from-env", "B": "quoted value", "C": "single"])
    }
}
