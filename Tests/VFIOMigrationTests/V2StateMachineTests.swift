import Testing
@testable import VFIOMigration

/// The kernel's own algorithm, transcribed from drivers/vfio/vfio_main.c (`vfio_mig_get_next_state`) so that the
/// engine's rule-derived paths can be compared with it.
private enum KernelFSM {
    typealias S = V2DeviceState

    /// `vfio_from_fsm_table[cur][new]`, rows and columns in uAPI order ERROR, STOP, RUNNING, STOP_COPY, RESUMING,
    /// RUNNING_P2P, PRE_COPY, PRE_COPY_P2P.
    static let table: [[S]] = [
        /* ERROR */ [.error, .error, .error, .error, .error, .error, .error, .error],
        /* STOP */ [.error, .stop, .runningP2P, .stopCopy, .resuming, .runningP2P, .runningP2P, .runningP2P],
        /* RUNNING */ [.error, .runningP2P, .running, .runningP2P, .runningP2P, .runningP2P, .preCopy, .runningP2P],
        /* STOP_COPY */ [.error, .stop, .stop, .stopCopy, .stop, .stop, .error, .error],
        /* RESUMING */ [.error, .stop, .stop, .stop, .resuming, .stop, .stop, .stop],
        /* RUNNING_P2P */ [.error, .stop, .running, .stop, .stop, .runningP2P, .running, .preCopyP2P],
        /* PRE_COPY */ [.error, .running, .running, .preCopyP2P, .running, .running, .preCopy, .preCopyP2P],
        /* PRE_COPY_P2P */ [.error, .runningP2P, .runningP2P, .stopCopy, .runningP2P, .runningP2P, .preCopy, .preCopyP2P],
    ]

    /// `state_flags_table`, with ERROR's `~0U`.
    static func flags(_ state: S) -> UInt32 {
        switch state {
        case .error: ~0
        case .stop, .running, .stopCopy, .resuming: 1
        case .preCopy: 1 | 4
        case .preCopyP2P: 1 | 2 | 4
        case .runningP2P: 1 | 2
        }
    }

    /// `vfio_mig_get_next_state`; `nil` for `-EINVAL`. The skip loop stops on ERROR, as the posted kernel fix does,
    /// because ERROR's flags never match and the literal loop would spin.
    static func nextState(_ current: S, _ target: S, _ migrationFlags: UInt32) -> S? {
        guard flags(current) & migrationFlags == flags(current) else { return nil }
        guard flags(target) & migrationFlags == flags(target) else { return nil }
        var next = table[Int(current.rawValue)][Int(target.rawValue)]
        while next != .error && flags(next) & migrationFlags != flags(next) {
            next = table[Int(next.rawValue)][Int(target.rawValue)]
        }
        return next == .error ? nil : next
    }

    /// The whole path a driver walks by calling `nextState` until it arrives; `nil` if any step is refused.
    static func path(_ current: S, _ target: S, _ migrationFlags: UInt32) -> [S]? {
        var path: [S] = []
        var state = current
        while state != target {
            guard let next = nextState(state, target, migrationFlags), path.count < 8 else { return nil }
            path.append(next)
            state = next
        }
        if current == target && nextState(current, target, migrationFlags) == nil { return nil }
        return path
    }
}

@Suite("v2 device state machine")
struct V2StateMachineTests {
    @Test("every path equals the kernel's, for every pair of states and every feature set",
          arguments: V2MigrationFeatures.allValid)
    func pathsMatchKernel(features: V2MigrationFeatures) {
        for current in V2DeviceState.allCases {
            for target in V2DeviceState.allCases {
                let kernel = KernelFSM.path(current, target, features.rawValue)
                let ours = try? V2StateMachine.path(from: current, to: target, features: features)
                #expect(ours == kernel, "\(features): \(current) -> \(target)")
            }
        }
    }

    @Test("every step of every path is an arc the driver implements", arguments: V2MigrationFeatures.allValid)
    func stepsAreDirectArcs(features: V2MigrationFeatures) throws {
        for current in V2DeviceState.allCases where features.supports(current) {
            for target in V2DeviceState.allCases {
                guard let path = try? V2StateMachine.path(from: current, to: target, features: features) else {
                    continue
                }
                var state = current
                for next in path {
                    #expect(V2StateMachine.isDirectArc(from: state, to: next, features: features),
                            "\(features): \(state) -> \(next) on the way \(current) -> \(target)")
                    state = next
                }
            }
        }
    }

    @Test("the kernel's documented multi-step examples with all features")
    func documentedCombinations() throws {
        let all: V2MigrationFeatures = [.stopCopy, .p2p, .preCopy]
        #expect(try V2StateMachine.path(from: .preCopy, to: .stopCopy, features: all) == [.preCopyP2P, .stopCopy])
        #expect(try V2StateMachine.path(from: .resuming, to: .preCopy, features: all)
                == [.stop, .runningP2P, .running, .preCopy])
        #expect(try V2StateMachine.path(from: .running, to: .stopCopy, features: all)
                == [.runningP2P, .stop, .stopCopy])
        #expect(try V2StateMachine.path(from: .running, to: .stop, features: .stopCopy) == [.stop])
    }

    @Test("blocked and unsupported requests are refused")
    func refusals() {
        let all: V2MigrationFeatures = [.stopCopy, .p2p, .preCopy]
        #expect(throws: V2StateMachine.TransitionError.blocked(from: .stopCopy, to: .preCopy)) {
            try V2StateMachine.path(from: .stopCopy, to: .preCopy, features: all)
        }
        #expect(throws: V2StateMachine.TransitionError.unsupportedTargetState(.error)) {
            try V2StateMachine.path(from: .running, to: .error, features: all)
        }
        #expect(throws: V2StateMachine.TransitionError.unsupportedTargetState(.runningP2P)) {
            try V2StateMachine.path(from: .running, to: .runningP2P, features: [.stopCopy, .preCopy])
        }
        #expect(throws: V2StateMachine.TransitionError.unsupportedCurrentState(.error)) {
            try V2StateMachine.path(from: .error, to: .running, features: all)
        }
    }

    @Test("a device refuses invalid requests and keeps its state")
    func deviceRefusesInvalidArcs() throws {
        let device = V2Device(name: "d", memory: DeviceMemory(pageCount: 2, pageSize: 32), features: [.p2p, .preCopy])
        _ = try device.setState(.stop)
        _ = try device.setState(.stopCopy)
        #expect(throws: DeviceError.self) { try device.setState(.preCopy) }
        #expect(device.state == .stopCopy)
        #expect(throws: DeviceError.self) { try device.setState(.error) }
        #expect(device.state == .stopCopy)
        let p2pless = V2Device(name: "e", memory: DeviceMemory(pageCount: 2, pageSize: 32), features: [])
        #expect(throws: DeviceError.self) { try p2pless.setState(.runningP2P) }
        #expect(p2pless.state == .running)
    }

    @Test("a failed arc leaves the device in ERROR until reset")
    func failedArcEntersError() throws {
        let device = V2Device(name: "d", memory: DeviceMemory(pageCount: 2, pageSize: 32), features: [.p2p])
        device.failingTransitions = [.stop]
        #expect(throws: DeviceError.ioError("arc RUNNING_P2P -> STOP failed")) { try device.setState(.stopCopy) }
        #expect(device.state == .error)
        #expect(throws: DeviceError.self) { try device.setState(.running) }
        device.reset()
        #expect(device.state == .running)
    }
}
