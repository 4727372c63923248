import Testing
@testable import TraceEventsGeneratorCore

@Suite struct SourceScannerTests {
    private func names(_ text: String, _ language: SourceLanguage = .swift) -> [String] {
        SourceScanner.traceTokens(in: text, path: "x", language: language).map(\.eventName)
    }

    @Test func findsCallsAndReferencesWithPositions() {
        let tokens = SourceScanner.traceTokens(
            in: "let a = 1\n  trace_one(a)\nlet f = trace_two\n", path: "f.swift", language: .swift)
        #expect(tokens.map(\.eventName) == ["one", "two"])
        #expect(tokens.map(\.isCall) == [true, false])
        #expect(tokens[0].location == TextLocation(file: "f.swift", line: 2, column: 3))
        #expect(tokens[1].location == TextLocation(file: "f.swift", line: 3, column: 9))
        #expect(tokens[0].byteOffset == 12)
    }

    @Test func skipsCommentsIncludingNestedSwiftComments() {
        #expect(names("// trace_a()\n/* trace_b() /* trace_c() */ trace_d() */ trace_e()") == ["e"])
        // C block comments do not nest: the first */ ends it.
        #expect(names("/* trace_b() /* */ trace_d() */", .c) == ["d"])
    }

    @Test func skipsStringLiteralsOfEveryKind() {
        let text = #"""
            let a = "trace_a() \" trace_b()"
            let b = """
                trace_c()
                """
            let c = #"trace_d() "# trace_e()
            let d = ##"x "# trace_f() "##
            trace_g()
            """#
        #expect(names(text) == ["e", "g"])
    }

    @Test func interpolationIsCode() {
        #expect(names(#"let a = "x \(trace_a(y, (z))) trace_b \(1)""#) == ["a"])
        #expect(names(##"let a = #"x \(trace_b) \#(trace_c())"#"##) == ["c"])
    }

    @Test func cCharacterLiteralsDoNotOpenStrings() {
        #expect(names("char q = '\"'; trace_a(q); s = \"trace_b\";", .c) == ["a"])
    }

    @Test func wholeIdentifiersOnly() {
        #expect(names("xtrace_a(); trace_(); trace_ab_c(); my.trace_d()") == ["ab_c", "d"])
    }

    @Test func funcDeclarationsAreNeitherCallsNorUses() {
        let tokens = SourceScanner.traceTokens(
            in: "func trace_a(_ x: Int) {}\nfunc  trace_b() {}\nmyfunc trace_c()\ntrace_a(1)", path: "x", language: .swift)
        #expect(tokens.map(\.eventName) == ["a", "b", "c", "a"])
        #expect(tokens.map(\.isDeclaration) == [true, true, false, false])
        #expect(tokens.map(\.isCall) == [false, false, true, true])
    }

    @Test func unterminatedConstructsEnd() {
        #expect(names("/* trace_a(") == [])
        #expect(names("\"trace_a(\ntrace_b()") == ["b"])
        #expect(names(#"let s = "\(trace_a("#) == ["a"])
    }
}
