/// The framing bytes of QEMU's savevm stream (`QEMU_VM_*` in migration/savevm.c) that carry device sections.
public enum SavevmSectionType: UInt8, Sendable, CustomStringConvertible {
    /// End of the stream.
    case eof = 0x00
    /// First section of a live device: header with id string, then `.save_setup` data.
    case sectionStart = 0x01
    /// An iteration of a live device (`.save_live_iterate`).
    case sectionPart = 0x02
    /// The last section of a live device (`.save_live_complete_precopy`).
    case sectionEnd = 0x03
    /// A complete, non-iterative device state (`.save_state`), with full header.
    case sectionFull = 0x04
    /// Closes each section, followed by the section id again.
    case sectionFooter = 0x7e

    /// The stream file magic, `"QEVM"`.
    public static let fileMagic: UInt32 = 0x5145_564d
    /// The stream file version QEMU writes.
    public static let fileVersion: UInt32 = 3

    /// Whether the section starts with the full header (id string, instance and version ids).
    public var hasFullHeader: Bool { self == .sectionStart || self == .sectionFull }

    /// QEMU's name for the byte.
    public var description: String {
        switch self {
        case .eof: "EOF"
        case .sectionStart: "SECTION_START"
        case .sectionPart: "SECTION_PART"
        case .sectionEnd: "SECTION_END"
        case .sectionFull: "SECTION_FULL"
        case .sectionFooter: "SECTION_FOOTER"
        }
    }
}
