import Testing
import TraceEventsGeneratorCore

@Suite struct GenerationNamesTests {
    @Test(arguments: [
        ("VFIOMigrationTracepoints", "vfio_migration"),
        ("TraceFixtureTracepoints", "trace_fixture"),
        ("MyHTTPServer", "my_http_server"),
        ("Block2Tracepoints", "block2"),
        ("simple", "simple"),
        ("Tracepoints", "tracepoints"),
    ])
    func groupIsDerivedFromTheTargetName(target: String, group: String) {
        #expect(GenerationNames.derivedGroup(fromTarget: target) == group)
    }

    static func file(_ text: String) -> TraceEventsFile {
        TraceEventsLoader.load(text: text, path: "t/trace-events").file
    }

    @Test func explicitNamesOverrideTheDirectiveWhichOverridesTheDefault() throws {
        let file = Self.file("# swift-tracetool: group=from_file provider=file_provider\nev(int x) \"%d\"\n")
        #expect(try GenerationNames.resolve(file: file, defaultGroup: "dflt") == GenerationNames(group: "from_file", provider: "file_provider"))
        #expect(try GenerationNames.resolve(file: file, defaultGroup: "dflt", group: "cli", provider: "cli_p") == GenerationNames(group: "cli", provider: "cli_p"))
        let plain = Self.file("ev(int x) \"%d\"\n")
        #expect(try GenerationNames.resolve(file: plain, defaultGroup: "dflt") == GenerationNames(group: "dflt", provider: "dflt"))
    }

    @Test func malformedDirectiveIsAnErrorAtItsLine() throws {
        let file = Self.file("ev(int x) \"%d\"\n# swift-tracetool: colour=blue\n")
        let error = #expect(throws: Diagnostic.self) { try GenerationNames.resolve(file: file, defaultGroup: "g") }
        #expect(error?.description.hasPrefix("t/trace-events:2:1: error: unknown swift-tracetool directive key 'colour'") == true)
    }

    @Test func nonIdentifierNameIsRejected() throws {
        let file = Self.file("ev(int x) \"%d\"\n")
        let error = #expect(throws: Diagnostic.self) { try GenerationNames.resolve(file: file, defaultGroup: "g", provider: "has-dash") }
        #expect(error?.message.contains("'has-dash' is not a C identifier") == true)
    }

    @Test func lttngNameLengthLimitIsEnforced() throws {
        let longName = String(repeating: "e", count: 250)
        let file = Self.file("ok(int x) \"%d\"\n\(longName)(int x) \"%d\"\ndisable \(longName)_off(int x) \"%d\"\n")
        let context = GenerationContext(file: file, names: GenerationNames(group: "g", provider: "prov5"), headerName: "g.h", cModule: "G")
        let failure = #expect(throws: GenerationFailure.self) { try CodeGenerator.generate(.cHeader, context: context) }
        // 5 + 250 > 254; the disabled event has no tracepoint, so it is not reported.
        #expect(failure?.diagnostics.count == 1)
        // The 256-byte name is quoted as a bounded excerpt (PrintableText), with its length said in full.
        let description = failure?.diagnostics.first?.description ?? ""
        #expect(description.hasPrefix("t/trace-events:2:1: error: LTTng-UST tracepoint name 'prov5:eeeee"))
        #expect(description.contains("...(184 bytes)..."))
        #expect(description.contains("e' is too long: provider and event name have 255 bytes together"))
        let fits = GenerationContext(file: file, names: GenerationNames(group: "g", provider: "p4"), headerName: "g.h", cModule: "G")
        #expect(throws: Never.self) { try CodeGenerator.generate(.cHeader, context: fits) }
    }
}
