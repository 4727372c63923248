import ArgumentParser

/// `swift-tracetool diff` (not implemented yet).
struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Not implemented yet.")

    func run() async throws {
        throw ValidationError("'diff' is not implemented yet")
    }
}
