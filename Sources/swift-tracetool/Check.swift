import ArgumentParser

/// `swift-tracetool check` (not implemented yet).
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Not implemented yet.")

    func run() async throws {
        throw ValidationError("'check' is not implemented yet")
    }
}
