import ArgumentParser

/// `swift-tracetool fmt` (not implemented yet).
struct Format: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fmt", abstract: "Not implemented yet.")

    func run() async throws {
        throw ValidationError("'fmt' is not implemented yet")
    }
}
