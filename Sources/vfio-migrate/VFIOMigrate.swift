import ArgumentParser

/// `vfio-migrate`: live-migrates simulated VFIO devices between two processes with QEMU's VFIO migration protocols.
@main
struct VFIOMigrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vfio-migrate",
        abstract: "Live-migrate simulated VFIO devices with QEMU's migration protocols v1 and v2.",
        discussion: """
            'demo' runs both sides: it starts 'vfio-migrate incoming' as a child process and migrates to it. \
            'incoming' and 'migrate' run one side each; give both the same machine options. \
            Addresses: tcp:HOST:PORT, unix:PATH, file:PATH.
            """,
        subcommands: [DemoCommand.self, IncomingCommand.self, MigrateCommand.self, ReportCommand.self],
        defaultSubcommand: DemoCommand.self
    )
}
