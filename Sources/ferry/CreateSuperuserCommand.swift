import ArgumentParser
import Database
import FerryAPI
import HTTP
#if canImport(Glibc)
import Glibc
#endif

/// `ferry createsuperuser`: the first superuser, from the command line.
struct CreateSuperuserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "createsuperuser",
        abstract: "Create a superuser in DATABASE_URL.",
        discussion: "Without --password, the password is read from standard input (prompted for, unechoed, on a terminal).")

    @Option(help: "3 to 50 letters, digits or underscores.") var username: String
    @Option(help: "A valid email address.") var email: String
    @Option(help: "8 to 100 characters with an uppercase letter and a digit (better: omit it and type it).") var password: String?

    func run() throws {
        let environment = Runtime.environment()
        let logger = Runtime.bootstrapLogging(environment: environment)
        let settings = Runtime.configuration(from: environment)
        let secret = password ?? Self.readPassword()
        let pool = Runtime.openPool(settings, logger: logger)
        defer { pool.close() }
        do {
            let user = try UserAccounts.createSuperuser(
                username: username, email: email, password: secret, configuration: settings, pool: pool)
            FileDescriptorOutput.standardOutput.print("created superuser \(user.username) (id \(user.id))")
        } catch let error as HTTP.ValidationError {
            Runtime.fail(error.issues.map { "\($0.loc.map(\.description).joined(separator: ".")): \($0.msg)" }.joined(separator: "; "))
        } catch let error as HTTPError {
            Runtime.fail(error.detail)
        } catch {
            Runtime.fail("\(error)")
        }
    }

    /// One line from standard input; on a terminal, prompted for with echo off.
    static func readPassword() -> String {
        let terminal = isatty(0) == 1
        var saved = termios()
        if terminal {
            FileDescriptorOutput.standardError.write(Array("Password: ".utf8))
            tcgetattr(0, &saved)
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &silent)
        }
        defer {
            if terminal {
                tcsetattr(0, TCSANOW, &saved)
                FileDescriptorOutput.standardError.write([0x0A])
            }
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
