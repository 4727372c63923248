import ArgumentParser
import VFIOMigration

/// Fault injection for trying failure paths (the flight recorder, recovery): the source's last device fails
/// the transition into a state, as a driver's ioctl or region write would.
struct FaultOptions: ParsableArguments {
    @Option(
        name: .customLong("fail-transition"),
        help: ArgumentHelp(
            "Make the source's last device fail its transition into STATE: a v2 state (STOP_COPY) or v1 bits "
                + "(stop-and-copy, pre-copy). For trying failure paths.",
            valueName: "STATE"))
    var failTransition: String?

    func validate() throws {
        if let failTransition, Self.v2State(failTransition) == nil, Self.v1State(failTransition) == nil {
            let names = V2DeviceState.allCases.map(\.description) + ["stop", "running", "stop-and-copy", "pre-copy", "resuming"]
            throw ValidationError("--fail-transition: unknown state '\(failTransition)'; one of \(names.joined(separator: ", "))")
        }
    }

    /// Arms the fault on `vm`'s last device.
    func apply(to vm: VirtualMachine) {
        guard let failTransition else { return }
        if let state = Self.v2State(failTransition) { vm.v2Devices.last?.failingTransitions.insert(state) }
        if let state = Self.v1State(failTransition) { vm.v1Devices.last?.failingTransitions.insert(state) }
    }

    private static func v2State(_ name: String) -> V2DeviceState? {
        V2DeviceState.allCases.first { $0.description == name.uppercased() }
    }

    private static func v1State(_ name: String) -> V1DeviceState? {
        (0..<8).map { V1DeviceState(rawValue: UInt32($0)) }.first { $0.description == name.lowercased() }
    }
}
