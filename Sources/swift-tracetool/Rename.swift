import ArgumentParser

/// `swift-tracetool rename` (not implemented yet).
struct Rename: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Not implemented yet.")

    func run() async throws {
        throw ValidationError("'rename' is not implemented yet")
    }
}
