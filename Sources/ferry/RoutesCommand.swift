import ArgumentParser
import FerryAPI

/// `ferry routes`: the route table, one line per route.
struct RoutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "routes", abstract: "List every route with its summary.")

    func run() {
        let router = Runtime.routeTable
        let width = router.routes.map { $0.path.count }.max() ?? 0
        for route in router.routes {
            let method = route.method.rawValue.padding(7)
            let auth = route.spec.requiresAuth ? "  [auth]" : ""
            FileDescriptorOutput.standardOutput.print("\(method) \(route.path.padding(width))  \(route.spec.summary)\(auth)")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
