import ArgumentParser

/// `swift-tracetool`: QEMU trace-events in, typed Swift and LTTng providers out, and the tools that keep
/// definitions and code in step.
@main
struct SwiftTracetool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-tracetool",
        abstract: "Generate and maintain QEMU-format trace-events definitions for Swift.",
        subcommands: [Check.self, List.self, Generate.self, Rename.self, Diff.self, Format.self, Sync.self, Init.self, Doctor.self]
    )
}
