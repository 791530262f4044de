import ArgumentParser
import FastCGI
import FerryAPI

/// `ferry`: one executable for serving, migrating and inspecting Ferry.
@main
struct FerryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ferry",
        abstract: "Ferry: a JSON API served over FastCGI behind nginx.",
        discussion: """
            Run with CGI variables in the environment and no arguments (as a web server runs a \
            CGI script), ferry answers that one request on standard output.
            """,
        version: FerryAPI.FerryVersion.current,
        subcommands: [ServeCommand.self, MigrateCommand.self, CreateSuperuserCommand.self, RoutesCommand.self, OpenAPICommand.self]
    )

    static func main() {
        if CommandLine.arguments.count == 1 && CGIExchange.isCGIRequest {
            CGIMode.answerOneRequest()
            return
        }
        main(nil)
    }
}
