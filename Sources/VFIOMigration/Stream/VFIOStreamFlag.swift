/// The 64-bit tags of QEMU's VFIO device stream (`VFIO_MIG_FLAG_*`): `0xffffffff`, the magic `0xef10` ("emulated
/// function IO") and a 16-bit identifier, written big-endian.
public enum VFIOStreamFlag: UInt64, Sendable, CaseIterable {
    /// Ends a block of device state.
    case endOfState = 0xffff_ffff_ef10_0001
    /// Starts the device's config state.
    case deviceConfigState = 0xffff_ffff_ef10_0002
    /// Starts the setup block.
    case deviceSetupState = 0xffff_ffff_ef10_0003
    /// Starts a block of device data: `be64 size`, then `size` bytes.
    case deviceDataState = 0xffff_ffff_ef10_0004
}
