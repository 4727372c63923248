import VFIOMigration

/// The event sequences QEMU's docs/devel/migration/vfio.rst documents, as the engine's trace shows them.
///
/// Save path: (RUNNING, _NONE, _RUNNING) → .save_setup (RUNNING, _SETUP, _PRE_COPY) → iterate (RUNNING, _ACTIVE,
/// _PRE_COPY) → vCPUs stop (FINISH_MIGRATE, _ACTIVE, _PRE_COPY_P2P) → (FINISH_MIGRATE, _ACTIVE, _STOP_COPY) →
/// .save_live_complete_precopy → (POSTMIGRATE, _COMPLETED, _STOP_COPY) → cleanup (POSTMIGRATE, _COMPLETED, _STOP).
/// Load path: the incoming VM holds its devices stopped (inmigrate, STOP) → .load_setup (RESTORE_VM, _ACTIVE,
/// _RESUMING) → .load_state per section → .load_cleanup → vCPUs start (RUNNING, _ACTIVE, _RUNNING_P2P) →
/// (RUNNING, _NONE, _RUNNING).
/// Protocol v1 (QEMU 7.2) moves `device_state` bits instead: RUNNING|SAVING (3) at setup, SAVING (2) when the
/// VM stops, STOP (0) after the last buffer; RESUMING (4) at load setup, RUNNING (1) when the VM starts.
/// Where the doc is silent, the order is QEMU's code's: v1 traces `vfio_save_setup` before it sets the state, v2
/// after; the VM's run-state change is traced before the device notifiers run; v2 traces `vfio_save_cleanup`
/// after the device went to STOP.
enum ExpectedTraces {
    /// The source's sequence for device `device`.
    static func source(_ version: MigrationProtocol, device: String) -> [ExpectedEvent] {
        let d = device
        switch version {
        case .v2:
            return [
                .init("migration_start"),
                .init("migration_status", [0: "none", 1: "setup"]),
                .init("vfio_migration_set_state", [0: d, 1: "PRE_COPY"]),
                .init("vfio_save_setup", [0: d]),
                .init("migration_status", [0: "setup", 1: "active"]),
                .init("vfio_state_pending_exact", [0: d]),
                .init("vfio_save_iterate", [0: d]),
                .init("vm_state_change", [0: "0", 1: "finish-migrate"]),
                .init("vfio_migration_set_state", [0: d, 1: "PRE_COPY_P2P"]),
                .init("vfio_migration_set_state", [0: d, 1: "STOP_COPY"]),
                .init("vfio_vmstate_change", [0: d, 1: "0", 2: "finish-migrate", 3: "STOP_COPY"]),
                .init("vfio_save_complete_precopy", [0: d, 1: "0"]),
                .init("vfio_save_device_config_state", [0: d]),
                .init("vm_state_change", [0: "0", 1: "postmigrate"]),
                .init("migration_status", [1: "completed"]),
                .init("vfio_migration_set_state", [0: d, 1: "STOP"]),
                .init("vfio_save_cleanup", [0: d]),
                .init("migration_complete"),
            ]
        case .v1:
            return [
                .init("migration_start"),
                .init("migration_status", [0: "none", 1: "setup"]),
                .init("vfio_v1_save_setup", [0: d]),
                .init("vfio_migration_v1_set_state", [0: d, 1: "3"]),
                .init("migration_status", [0: "setup", 1: "active"]),
                .init("vfio_v1_save_pending", [0: d]),
                .init("vfio_save_buffer", [0: d]),
                .init("vfio_save_iterate", [0: d]),
                .init("vm_state_change", [0: "0", 1: "finish-migrate"]),
                .init("vfio_migration_v1_set_state", [0: d, 1: "2"]),
                .init("vfio_v1_vmstate_change", [0: d, 1: "0", 2: "finish-migrate", 3: "2"]),
                .init("vfio_migration_v1_set_state", [0: d, 1: "0"]),
                .init("vfio_v1_save_complete_precopy", [0: d]),
                .init("vfio_save_device_config_state", [0: d]),
                .init("migration_status", [1: "completed"]),
                .init("vfio_save_cleanup", [0: d]),
                .init("migration_complete"),
            ]
        }
    }

    /// The destination's sequence for device `device`.
    static func destination(_ version: MigrationProtocol, device: String) -> [ExpectedEvent] {
        let d = device
        switch version {
        case .v2:
            return [
                .init("vfio_vmstate_change", [0: d, 1: "0", 2: "inmigrate", 3: "STOP"]),
                .init("vfio_migration_set_state", [0: d, 1: "RESUMING"]),
                .init("migration_incoming_section", [2: "\(d)/vfio"]),
                .init("vfio_load_state", [0: d]),
                .init("vfio_load_state_device_data", [0: d, 2: "0"]),
                .init("vfio_load_device_config_state", [0: d]),
                .init("vfio_load_cleanup", [0: d]),
                .init("vm_state_change", [0: "1", 1: "running"]),
                .init("vfio_migration_set_state", [0: d, 1: "RUNNING_P2P"]),
                .init("vfio_migration_set_state", [0: d, 1: "RUNNING"]),
                .init("vfio_vmstate_change", [0: d, 1: "1", 2: "running", 3: "RUNNING"]),
                .init("migration_incoming_complete"),
            ]
        case .v1:
            return [
                .init("vfio_v1_vmstate_change", [0: d, 1: "0", 2: "inmigrate", 3: "0"]),
                .init("vfio_migration_v1_set_state", [0: d, 1: "4"]),
                .init("migration_incoming_section", [2: "\(d)/vfio"]),
                .init("vfio_load_state", [0: d]),
                .init("vfio_v1_load_state_device_data", [0: d]),
                .init("vfio_load_device_config_state", [0: d]),
                .init("vfio_load_cleanup", [0: d]),
                .init("vm_state_change", [0: "1", 1: "running"]),
                .init("vfio_migration_v1_set_state", [0: d, 1: "1"]),
                .init("vfio_v1_vmstate_change", [0: d, 1: "1", 2: "running", 3: "1"]),
                .init("migration_incoming_complete"),
            ]
        }
    }
}
