import Testing
import TraceEventsGeneratorCore

/// How formats turn into `PrintfBuffer` calls, checked on the generated Swift of single events.
@Suite struct MessageRenderingTests {
    static func swift(_ line: String) throws -> String {
        let (file, diagnostics) = TraceEventsLoader.load(text: line + "\n", path: "t/trace-events")
        #expect(!diagnostics.containsErrors, "\(diagnostics)")
        let context = GenerationContext(file: file, names: GenerationNames(group: "g"), headerName: "g.h", cModule: "G")
        return try CodeGenerator.generate(.swift, context: context)
    }

    @Test func signedArgumentsSignExtendIntoUnsignedConversions() throws {
        let code = try Self.swift(#"ev(int negative, uint16_t small) "%x %d""#)
        #expect(code.contains("appendUnsigned(UInt64(bitPattern: Int64(negative)), PrintfSpec(.x))"))
        #expect(code.contains("appendSigned(Int64(truncatingIfNeeded: small), PrintfSpec(.d))"))
    }

    @Test func starWidthAndPrecisionConsumeTheirArguments() throws {
        let code = try Self.swift(#"ev(int w, int p, const char *s) "%-*.*s""#)
        #expect(code.contains("appendString(s, PrintfSpec(.s, flags: [.leftJustify], width: Int32(truncatingIfNeeded: w), precision: Int32(truncatingIfNeeded: p)))"))
    }

    @Test func boolAndPointerConversions() throws {
        let code = try Self.swift(#"ev(bool on, void *p) "%d %p""#)
        #expect(code.contains("appendSigned(on ? 1 : 0, PrintfSpec(.d))"))
        #expect(code.contains("appendPointer(UInt(bitPattern: p), PrintfSpec(.p))"))
        #expect(code.contains("arguments: { [.bool(on), .pointer(UInt(bitPattern: p))] }"))
    }

    @Test func percentPercentAndEscapesBecomeOneLiteral() throws {
        let code = try Self.swift(#"ev(void) "100%% \"done\"\tnow""#)
        #expect(code.contains(#"appendLiteral("100% \"done\"\tnow")"#))
    }

    @Test func invalidUTF8BytesGoThroughAppendBytes() throws {
        let code = try Self.swift(#"ev(void) "a\xff-b""#)
        #expect(code.contains(#"appendLiteral("a")"#))
        #expect(code.contains("appendBytes([0xFF])"))
        #expect(code.contains(#"appendLiteral("-b")"#))
    }

    @Test func disabledEventIsAnEmptyFunction() throws {
        let code = try Self.swift(#"disable ev(int x) "%d""#)
        #expect(code.contains("public func trace_ev(_ x: Int32) {}"))
        #expect(!code.contains("_steLog_ev"))
    }

    @Test func enabledCheckComesFirst() throws {
        let code = try Self.swift(#"ev(const char *s) "%s""#)
        let body = code.components(separatedBy: "public func trace_ev(_ s: String?) {\n")[1]
        #expect(body.hasPrefix("    if _slowPath(_steState_ev() != 0) {\n        _steSlow_ev(s)\n    }\n}\n"))
        let slow = code.components(separatedBy: "private func _steSlow_ev(_ s: String?) {\n")[1]
        #expect(slow.hasPrefix("    if _ste_g_ev_on() != 0 {\n        _steLog_ev(s)\n    }\n    #if LTTng\n    if _ste_g_ev_lttng_on() != 0 {"))
    }

    @Test func conversionWithoutArgumentIsAnErrorAtTheConversion() throws {
        let file = TraceEventsLoader.load(text: "ev(int x) \"%d %s\"\n", path: "t/trace-events").file
        let context = GenerationContext(file: file, names: GenerationNames(group: "g"), headerName: "g.h", cModule: "G")
        let failure = #expect(throws: GenerationFailure.self) { try CodeGenerator.generate(.swift, context: context) }
        #expect(failure?.description == "t/trace-events:1:15: error: format conversion '%s' has no matching argument")
    }

    @Test func stringIntoIntegerConversionIsRefused() throws {
        let file = TraceEventsLoader.load(text: "ev(const char *s) \"%d\"\n", path: "t/trace-events").file
        let context = GenerationContext(file: file, names: GenerationNames(group: "g"), headerName: "g.h", cModule: "G")
        let failure = #expect(throws: GenerationFailure.self) { try CodeGenerator.generate(.swift, context: context) }
        #expect(failure?.description.contains("error: format conversion '%d' does not fit argument 's' of type 'const char *'") == true)
    }
}
