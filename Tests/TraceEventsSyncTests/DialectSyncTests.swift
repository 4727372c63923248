import Foundation
import Testing
@testable import TraceEventsGeneratorCore

/// `fmt`, `diff` and `rename` keep older dialects' lines as QEMU wrote them: properties, both formats of a
/// `tcg` event, and the functions a `tcg` event is called by.
@Suite struct DialectSyncTests {
    static let file = """
        # QEMU 2.x-6.x
        vcpu   guest_cpu_enter( void )
        vcpu tcg guest_mem_before(TCGv vaddr,uint16_t info) "info=%d" ,  "vaddr=0x%016"PRIx64" info=%d"
        balloon(double ratio) "ratio %f"
        old_empty() "x"

        """

    @Test func fmtKeepsPropertiesAndBothFormatsAndIsIdempotent() throws {
        let formatted = try TraceEventsFormatter().format(Self.file, path: "t")
        #expect(formatted == """
            # QEMU 2.x-6.x
            vcpu guest_cpu_enter(void)
            vcpu tcg guest_mem_before(TCGv vaddr, uint16_t info) "info=%d", "vaddr=0x%016"PRIx64" info=%d"
            balloon(double ratio) "ratio %f"
            old_empty(void) "x"

            """)
        #expect(try TraceEventsFormatter().format(formatted, path: "t") == formatted)
    }

    @Test func diffSeesAChangeInTheExecutionFormat() throws {
        let old = TraceEventsParser().parse(Self.file, path: "old").file
        let changed = Self.file.replacingOccurrences(of: "\"vaddr=0x%016\"PRIx64\" info=%d\"", with: "\"vaddr=%\"PRIx64\" info=%u\"")
        let new = TraceEventsParser().parse(changed, path: "new").file
        let report = TraceEventsDiff(old: old, new: new)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("guest_mem_before"))
        #expect(json.contains("\\\"vaddr=%\\\"PRIx64\\\" info=%u\\\""))
        #expect(TraceEventsDiff(old: old, new: old).isEmpty)
    }

    @Test func renameOfATCGEventRenamesItsTransAndExecCalls() throws {
        let source = "trace_guest_mem_before_trans(cpu, 1)\ntrace_guest_mem_before_exec(cpu, 2, 1)\ntrace_guest_cpu_enter(cpu)\n"
        let updates = try EventRenamer(pairs: [RenamePair(old: "guest_mem_before", new: "guest_access")])
            .plan(eventFiles: [("te", Self.file)], sources: [("a.swift", source)])
        #expect(updates.map(\.path) == ["te", "a.swift"])
        #expect(String(decoding: updates[0].updated, as: UTF8.self).contains("vcpu tcg guest_access(TCGv vaddr"))
        #expect(String(decoding: updates[1].updated, as: UTF8.self)
            == "trace_guest_access_trans(cpu, 1)\ntrace_guest_access_exec(cpu, 2, 1)\ntrace_guest_cpu_enter(cpu)\n")
    }
}
