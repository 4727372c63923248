// TEMPORARY: hand-written stand-ins for the trace functions the TraceEventsPlugin will generate from the
// repository's root trace-events. Delete this file when the plugin is applied to the VFIOMigration target; the
// signatures follow the generator's mapping rules so no call site has to change.

/// Trace event `vfio_migration_probe`; format `" (%s)"`.
@inline(__always)
func trace_vfio_migration_probe(_ name: String?) {}

/// Trace event `vfio_migration_state_notifier`; format `" (%s) state %s"`.
@inline(__always)
func trace_vfio_migration_state_notifier(_ name: String?, _ state: String?) {}

/// Trace event `vfio_save_cleanup`; format `" (%s)"`.
@inline(__always)
func trace_vfio_save_cleanup(_ name: String?) {}

/// Trace event `vfio_save_device_config_state`; format `" (%s)"`.
@inline(__always)
func trace_vfio_save_device_config_state(_ name: String?) {}

/// Trace event `vfio_save_iterate`; format `" (%s) data_size %d"`.
@inline(__always)
func trace_vfio_save_iterate(_ name: String?, _ data_size: Int32) {}

/// Trace event `vfio_load_device_config_state`; format `" (%s)"`.
@inline(__always)
func trace_vfio_load_device_config_state(_ name: String?) {}

/// Trace event `vfio_load_state`; format `" (%s) data 0x%"PRIx64`.
@inline(__always)
func trace_vfio_load_state(_ name: String?, _ data: UInt64) {}

/// Trace event `vfio_load_cleanup`; format `" (%s)"`.
@inline(__always)
func trace_vfio_load_cleanup(_ name: String?) {}

/// Trace event `vfio_migration_v1_set_state`; format `" (%s) state %d"`.
@inline(__always)
func trace_vfio_migration_v1_set_state(_ name: String?, _ state: UInt32) {}

/// Trace event `vfio_v1_vmstate_change`; format `" (%s) running %d reason %s device state %d"`.
@inline(__always)
func trace_vfio_v1_vmstate_change(_ name: String?, _ running: Int32, _ reason: String?, _ dev_state: UInt32) {}

/// Trace event `vfio_v1_save_setup`; format `" (%s)"`.
@inline(__always)
func trace_vfio_v1_save_setup(_ name: String?) {}

/// Trace event `vfio_save_buffer`; format `" (%s) Offset 0x%"PRIx64" size 0x%"PRIx64" pending 0x%"PRIx64`.
@inline(__always)
func trace_vfio_save_buffer(_ name: String?, _ data_offset: UInt64, _ data_size: UInt64, _ pending: UInt64) {}

/// Trace event `vfio_update_pending`; format `" (%s) pending 0x%"PRIx64`.
@inline(__always)
func trace_vfio_update_pending(_ name: String?, _ pending: UInt64) {}

/// Trace event `vfio_v1_save_pending`; format `" (%s) precopy 0x%"PRIx64" postcopy 0x%"PRIx64`.
@inline(__always)
func trace_vfio_v1_save_pending(_ name: String?, _ precopy: UInt64, _ postcopy: UInt64) {}

/// Trace event `vfio_v1_save_complete_precopy`; format `" (%s)"`.
@inline(__always)
func trace_vfio_v1_save_complete_precopy(_ name: String?) {}

/// Trace event `vfio_v1_load_state_device_data`; format `" (%s) Offset 0x%"PRIx64" size 0x%"PRIx64`.
@inline(__always)
func trace_vfio_v1_load_state_device_data(_ name: String?, _ data_offset: UInt64, _ data_size: UInt64) {}

/// Trace event `vfio_migration_set_state`; format `" (%s) state %s"`.
@inline(__always)
func trace_vfio_migration_set_state(_ name: String?, _ state: String?) {}

/// Trace event `vfio_vmstate_change`; format `" (%s) running %d reason %s device state %s"`.
@inline(__always)
func trace_vfio_vmstate_change(_ name: String?, _ running: Int32, _ reason: String?, _ dev_state: String?) {}

/// Trace event `vfio_save_setup`; format `" (%s) data buffer size 0x%"PRIx64`.
@inline(__always)
func trace_vfio_save_setup(_ name: String?, _ data_buffer_size: UInt64) {}

/// Trace event `vfio_state_pending_exact`; format `" (%s) precopy 0x%"PRIx64" postcopy 0x%"PRIx64" stopcopy size 0x%"PRIx64`.
@inline(__always)
func trace_vfio_state_pending_exact(_ name: String?, _ precopy: UInt64, _ postcopy: UInt64, _ stopcopy_size: UInt64) {}

/// Trace event `vfio_save_block`; format `" (%s) data_size %d"`.
@inline(__always)
func trace_vfio_save_block(_ name: String?, _ data_size: Int32) {}

/// Trace event `vfio_save_complete_precopy`; format `" (%s) ret %d"`.
@inline(__always)
func trace_vfio_save_complete_precopy(_ name: String?, _ ret: Int32) {}

/// Trace event `vfio_load_state_device_data`; format `" (%s) size 0x%"PRIx64" ret %d"`.
@inline(__always)
func trace_vfio_load_state_device_data(_ name: String?, _ data_size: UInt64, _ ret: Int32) {}

/// Trace event `vfio_get_dirty_bitmap`; format `"container fd=%d, iova=0x%"PRIx64" size= 0x%"PRIx64" bitmap_size=0x%"PRIx64" start=0x%"PRIx64`.
@inline(__always)
func trace_vfio_get_dirty_bitmap(_ fd: Int32, _ iova: UInt64, _ size: UInt64, _ bitmap_size: UInt64, _ start: UInt64) {}

/// Trace event `vfio_iommu_map_dirty_notify`; format `"iommu dirty @ 0x%"PRIx64" - 0x%"PRIx64`.
@inline(__always)
func trace_vfio_iommu_map_dirty_notify(_ iova_start: UInt64, _ iova_end: UInt64) {}

/// Trace event `sim_v1_device_state`; format `" (%s) device_state %u -> %u"`.
@inline(__always)
func trace_sim_v1_device_state(_ name: String?, _ old_state: UInt32, _ new_state: UInt32) {}

/// Trace event `sim_v1_device_error`; format `" (%s) device_state %u: %s"`.
@inline(__always)
func trace_sim_v1_device_error(_ name: String?, _ state: UInt32, _ error: String?) {}

/// Trace event `sim_v2_device_arc`; format `" (%s) arc %s -> %s"`.
@inline(__always)
func trace_sim_v2_device_arc(_ name: String?, _ from: String?, _ to: String?) {}

/// Trace event `sim_v2_device_error`; format `" (%s) state %s: %s"`.
@inline(__always)
func trace_sim_v2_device_error(_ name: String?, _ state: String?, _ error: String?) {}

/// Trace event `sim_v2_device_reset`; format `" (%s) reset from %s to RUNNING"`.
@inline(__always)
func trace_sim_v2_device_reset(_ name: String?, _ state: String?) {}

/// Trace event `workload_step`; format `"dirtied %u pages, %"PRIu64" in total"`.
@inline(__always)
func trace_workload_step(_ pages: UInt32, _ total_pages: UInt64) {}

/// Trace event `vm_state_change`; format `"running %d run state %s"`.
@inline(__always)
func trace_vm_state_change(_ running: Int32, _ run_state: String?) {}

/// Trace event `migration_start`; format `"protocol v%u devices %u bandwidth %"PRIu64" B/s downtime limit %"PRIu64" us"`.
@inline(__always)
func trace_migration_start(_ version: UInt32, _ devices: UInt32, _ bandwidth: UInt64, _ downtime_limit_us: UInt64) {}

/// Trace event `migration_status`; format `"status %s -> %s"`.
@inline(__always)
func trace_migration_status(_ old_status: String?, _ new_status: String?) {}

/// Trace event `migration_phase`; format `"phase %s"`.
@inline(__always)
func trace_migration_phase(_ phase: String?) {}

/// Trace event `migration_pending`; format `"iteration %u pending 0x%"PRIx64" threshold 0x%"PRIx64" exact %d"`.
@inline(__always)
func trace_migration_pending(_ iteration: UInt32, _ pending: UInt64, _ threshold: UInt64, _ exact: Bool) {}

/// Trace event `migration_iteration`; format `"iteration %u sent 0x%"PRIx64" total 0x%"PRIx64`.
@inline(__always)
func trace_migration_iteration(_ iteration: UInt32, _ bytes: UInt64, _ total_bytes: UInt64) {}

/// Trace event `migration_throttle`; format `"bandwidth limit: sleeping %"PRIu64" us"`.
@inline(__always)
func trace_migration_throttle(_ sleep_us: UInt64) {}

/// Trace event `migration_downtime`; format `"downtime %"PRIu64" us (limit %"PRIu64" us)"`.
@inline(__always)
func trace_migration_downtime(_ downtime_us: UInt64, _ limit_us: UInt64) {}

/// Trace event `migration_complete`; format `"sent 0x%"PRIx64" bytes in %u iterations, total %"PRIu64" us, downtime %"PRIu64" us"`.
@inline(__always)
func trace_migration_complete(_ total_bytes: UInt64, _ iterations: UInt32, _ total_us: UInt64, _ downtime_us: UInt64) {}

/// Trace event `migration_failed`; format `"failed in phase %s: %s"`.
@inline(__always)
func trace_migration_failed(_ phase: String?, _ error: String?) {}

/// Trace event `migration_incoming_phase`; format `"phase %s"`.
@inline(__always)
func trace_migration_incoming_phase(_ phase: String?) {}

/// Trace event `migration_incoming_section`; format `"section type %u id %u (%s)"`.
@inline(__always)
func trace_migration_incoming_section(_ section_type: UInt32, _ section_id: UInt32, _ idstr: String?) {}

/// Trace event `migration_incoming_complete`; format `"received 0x%"PRIx64" bytes for %u devices"`.
@inline(__always)
func trace_migration_incoming_complete(_ total_bytes: UInt64, _ devices: UInt32) {}

/// Trace event `migration_incoming_failed`; format `"failed: %s"`.
@inline(__always)
func trace_migration_incoming_failed(_ error: String?) {}

/// Trace event `transport_connect`; format `"connected to %s"`.
@inline(__always)
func trace_transport_connect(_ address: String?) {}

/// Trace event `transport_accept`; format `"accepted a connection on %s"`.
@inline(__always)
func trace_transport_accept(_ address: String?) {}

/// Trace event `transport_shutdown`; format `"shut down the connection on %s"`.
@inline(__always)
func trace_transport_shutdown(_ address: String?) {}
