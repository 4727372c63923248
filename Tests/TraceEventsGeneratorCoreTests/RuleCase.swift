import Testing
import TraceEventsGeneratorCore

/// One row of a rule table: the lines of a `trace-events` file (often one line) and every diagnostic
/// `check` must print for it, in order, as `t:LINE:COL: SEVERITY: MESSAGE`.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let text: String
    let expected: [String]
    /// Why gcc judges the format differently, when it deliberately does (see ``GCCFormatOracleTests``).
    let gccDifference: String?

    init(_ text: String, _ expected: String...) {
        self.text = text
        self.expected = expected
        gccDifference = nil
    }

    init(_ text: String, _ expected: String..., gccDiffers reason: String) {
        self.text = text
        self.expected = expected
        gccDifference = reason
    }

    /// The file's contents: the lines, each ending with a newline as files do.
    var fileText: String { text + "\n" }

    /// The diagnostics the loader (parser, then validator) reports for ``text`` in a file named `t`.
    var actual: [String] {
        TraceEventsLoader.load(text: fileText, path: "t").diagnostics.map(\.description)
    }

    var testDescription: String { text }
}

/// The tail of the message for a type QEMU does not allow.
let allowedTypesAdvice =
    "use int, long, short, char, bool, unsigned, signed, the <stdint.h> fixed-width types, size_t, ssize_t, "
    + "uintptr_t, ptrdiff_t, void, and 'void *' for struct, union and other pointers"
