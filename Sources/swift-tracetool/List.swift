import ArgumentParser

/// `swift-tracetool list` (not implemented yet).
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Not implemented yet.")

    func run() async throws {
        throw ValidationError("'list' is not implemented yet")
    }
}
