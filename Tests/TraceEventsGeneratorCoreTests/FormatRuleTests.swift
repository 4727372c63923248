import Testing
import TraceEventsGeneratorCore

/// Formats against arguments, as `gcc -Wformat` judges a printf call on LP64 Linux; GCCFormatOracleTests
/// compiles every case with gcc and fails where gcc's verdict differs, except where a case names why.
@Suite struct FormatRuleTests {
    static let valid: [RuleCase] = [
        // Promotion: anything up to 32 bits, and bool, is an int for %d, %x, %c, %hhx, %hx.
        RuleCase("foo(uint8_t a, bool b, short c, char d, unsigned short e) \"%d %d %d %x %hhx\""),
        RuleCase("foo(bool b, char c, uint8_t d, int e) \"%c%c%c%c\""),
        RuleCase("foo(uint32_t a, int16_t b) \"%hd %hhu\"\nbar(int64_t b) \"%ld\""),
        // Signedness differences are not -Wformat errors.
        RuleCase("foo(int32_t a, uint32_t b, int64_t c, uint64_t d) \"%u %d %lu %ld\""),
        // Every 64-bit type but long long is a long on LP64.
        RuleCase(
            "foo(size_t a, ssize_t b, uintptr_t c, ptrdiff_t d, int64_t e, unsigned long f, long g) "
                + "\"%zu %zd %lx %td %jd %zx %ji\""),
        RuleCase("foo(long long a, unsigned long long b) \"%lld %llx\""),
        RuleCase(
            "foo(uint8_t a, uint16_t b, uint32_t c, uint64_t d, uintptr_t e, int64_t f, uint64_t g, int32_t h, uint64_t i) "
                + "\"%\" PRIu8 \"%\" PRIx16 \"%\" PRIX32 \"%\" PRIo64 \"%\" PRIxPTR \"%\" PRIdLEAST64 \"%\" PRIuFAST64 "
                + "\"%\" PRIdFAST8 \"%\" PRIxMAX"),
        // Strings and pointers.
        RuleCase("foo(const char *s, char *t, void *p, const char *q, uint64_t *r) \"%s %-10.3s %p %p %p\""),
        // Stars take an int-class argument before the value; unsigned is fine.
        RuleCase("foo(int w, uint64_t v, unsigned x, int y) \"%0*\" PRIx64 \" %*d\""),
        RuleCase("foo(int p, const char *s, int w, int q, const char *t) \"%.*s %*.*s\""),
        // %% takes no argument; flags gcc accepts.
        RuleCase("foo(int a) \"100%% %d\"\nbar(void) \"100%%\""),
        RuleCase("foo(int a, unsigned b, unsigned c, int d) \"%+d %#x %#o % 5d\""),
        // No format: nothing to check.
        RuleCase("foo(int a, const char *s)"),
    ]

    @Test(arguments: valid) func formatsThatMatchTheirArguments(_ rule: RuleCase) {
        #expect(rule.actual == rule.expected)
    }

    static let invalid: [RuleCase] = [
        // Width: the length modifier must name the argument's type.
        RuleCase(
            "foo(uint32_t a) \"%lx\"",
            "t:1:18: error: format '%lx' expects an argument of type 'unsigned long', but argument 'a' has type "
                + "'uint32_t'; write %x instead",
            "t:1:5: note: argument 'a' is declared here"),
        RuleCase(
            "foo(uint64_t a) \"0x%08x\"",
            "t:1:20: error: format '%08x' expects an argument of type 'unsigned int', but argument 'a' has type "
                + "'uint64_t'; write \"%08\" PRIx64 instead",
            "t:1:5: note: argument 'a' is declared here"),
        RuleCase(
            "foo(uint32_t a) \"%\" PRIxFAST16",
            "t:1:18: error: format '%lx' expects an argument of type 'unsigned long', but argument 'a' has type "
                + "'uint32_t'; write %x instead",
            "t:1:5: note: argument 'a' is declared here"),
        RuleCase(
            "foo(uint32_t a) \"%zu\"",
            "t:1:18: error: format '%zu' expects an argument of type 'size_t', but argument 'a' has type "
                + "'uint32_t'; write %u instead",
            "t:1:5: note: argument 'a' is declared here"),
        // long and long long are different types to gcc, though both are 64 bits.
        RuleCase(
            "foo(uint64_t a, unsigned long long b) \"%llx %\" PRIu64",
            "t:1:40: error: format '%llx' expects an argument of type 'unsigned long long', but argument 'a' has "
                + "type 'uint64_t'; write \"%\" PRIx64 instead",
            "t:1:5: note: argument 'a' is declared here",
            "t:1:45: error: format '%lu' expects an argument of type 'unsigned long', but argument 'b' has type "
                + "'unsigned long long'; write %llu instead",
            "t:1:17: note: argument 'b' is declared here"),
        RuleCase(
            "foo(size_t n) \"%lld\"",
            "t:1:16: error: format '%lld' expects an argument of type 'long long', but argument 'n' has type "
                + "'size_t'; write %zd instead",
            "t:1:5: note: argument 'n' is declared here"),
        // Type class.
        RuleCase(
            "foo(void *p) \"%s\"",
            "t:1:15: error: format '%s' expects an argument of type 'char *', but argument 'p' has type 'void *'; "
                + "write %p instead",
            "t:1:5: note: argument 'p' is declared here"),
        RuleCase(
            "foo(const char *s) \"%d\"",
            "t:1:21: error: format '%d' expects an argument of type 'int', but argument 's' has type "
                + "'const char *'; write %s instead",
            "t:1:5: note: argument 's' is declared here"),
        RuleCase(
            "foo(uintptr_t p) \"%p\"",
            "t:1:19: error: format '%p' expects an argument of type 'void *', but argument 'p' has type "
                + "'uintptr_t'; write \"%\" PRIxPTR instead",
            "t:1:5: note: argument 'p' is declared here"),
        RuleCase(
            "foo(char **v) \"%s\"",
            "t:1:16: error: format '%s' expects an argument of type 'char *', but argument 'v' has type "
                + "'char **'; write %p instead",
            "t:1:5: note: argument 'v' is declared here"),
        RuleCase(
            "foo(uint64_t c) \"%c\"",
            "t:1:18: error: format '%c' expects an argument of type 'int', but argument 'c' has type 'uint64_t'",
            "t:1:5: note: argument 'c' is declared here"),
        // Counts.
        RuleCase(
            "foo(int a) \"%d %d\"",
            "t:1:16: error: too few arguments for format: '%d' expects a matching 'int' argument"),
        RuleCase(
            "foo(void) \"%s\"",
            "t:1:12: error: too few arguments for format: '%s' expects a matching 'char *' argument"),
        RuleCase(
            "foo(int a, int b) \"%d\"",
            "t:1:12: error: too many arguments for format: 'b' is not used by the format"),
        RuleCase(
            "foo(int a, int b) \"no conversions\"",
            "t:1:5: error: too many arguments for format: 'a', 'b' are not used by the format"),
        // Stars.
        RuleCase(
            "foo(uint64_t w, int v) \"%*d\"",
            "t:1:25: error: field width '*' in '%*d' expects an argument of type 'int', but argument 'w' has type "
                + "'uint64_t'",
            "t:1:5: note: argument 'w' is declared here"),
        RuleCase(
            "foo(const char *p, const char *s) \"%.*s\"",
            "t:1:36: error: precision '*' in '%.*s' expects an argument of type 'int', but argument 'p' has type "
                + "'const char *'",
            "t:1:5: note: argument 'p' is declared here"),
        RuleCase(
            "foo(int w) \"%*d\"",
            "t:1:13: error: too few arguments for format: '%*d' expects a matching 'int' argument"),
        RuleCase(
            "foo(void) \"%*d\"",
            "t:1:12: error: too few arguments for format: '*' (field width) of '%*d' expects a matching 'int' argument",
            "t:1:12: error: too few arguments for format: '%*d' expects a matching 'int' argument"),
        // Length modifiers that make no sense for the conversion.
        RuleCase("foo(const char *s) \"%hs\"", "t:1:21: error: length modifier 'h' cannot be used with '%s' in '%hs'"),
        RuleCase("foo(void *p) \"%llp\"", "t:1:15: error: length modifier 'll' cannot be used with '%p' in '%llp'"),
        RuleCase("foo(void *p) \"%lp\"", "t:1:15: error: length modifier 'l' cannot be used with '%p' in '%lp'"),
        RuleCase(
            "foo(int c) \"%lc\"",
            "t:1:13: error: length modifier 'l' cannot be used with '%c' in '%lc' (wide characters are not "
                + "supported in trace formats)",
            gccDiffers: "gcc takes an int for %lc (a wint_t); rendering a wide character depends on the locale"),
        // QEMU's own rules on the format: what older releases accepted is a warning naming the release
        // that began rejecting it.
        RuleCase(
            "foo(int a) \"a=%d\\n\"",
            "t:1:17: warning: format ends with '\\n'; QEMU 4.2 and later reject it (the log backend ends every line "
                + "itself), so the line is printed with an empty line after it, as QEMU 4.1 and earlier print it",
            gccDiffers: "printf allows newlines; QEMU's tracetool does not"),
        RuleCase(
            "foo(int a) \"%d\\n\" \"x\"",
            "t:1:15: warning: format contains '\\n'; QEMU 9.1 and later reject it (an event is one line: use several "
                + "events)",
            gccDiffers: "printf allows newlines; QEMU's tracetool does not"),
        RuleCase(
            "foo(void) \"failed: %m\"",
            "t:1:20: warning: '%m' prints strerror(errno) at the time of the call; QEMU 4.0 and later reject it: "
                + "pass the error number as an argument instead",
            gccDiffers: "%m is a glibc conversion gcc accepts; QEMU's tracetool rejects it"),
        RuleCase("foo(int a) \"%d\\0 %d\"", "t:1:15: error: format contains a NUL byte; printf would stop there",
            "t:1:18: error: too few arguments for format: '%d' expects a matching 'int' argument"),
        // gcc warns about these flags; printf ignores them or their effect is undefined.
        RuleCase("foo(int a) \"%#d\"", "t:1:13: warning: '#' flag used with '%d' in '%#d' (gcc -Wformat warns)"),
        RuleCase("foo(unsigned a) \"%+u\"", "t:1:18: warning: '+' flag used with '%u' in '%+u' (gcc -Wformat warns)"),
        RuleCase("foo(const char *s) \"%05s\"", "t:1:21: warning: '0' flag used with '%s' in '%05s' (gcc -Wformat warns)"),
        RuleCase("foo(void *p) \"%.3p\"", "t:1:15: warning: precision used with '%p' in '%.3p' (gcc -Wformat warns)"),
        RuleCase("foo(char c) \"%.2c\"", "t:1:14: warning: precision used with '%c' in '%.2c' (gcc -Wformat warns)"),
        RuleCase("foo(int a) \"%+ d\"", "t:1:13: warning: ' ' flag ignored with '+' flag in '%+ d'"),
        RuleCase("foo(int a) \"%-05d\"", "t:1:13: warning: '0' flag ignored with '-' flag in '%-05d'"),
        RuleCase("foo(unsigned a) \"%08.4x\"", "t:1:18: warning: '0' flag ignored with precision and '%x' in '%08.4x'"),
        RuleCase("foo(int a) \"%--d\"", "t:1:13: warning: repeated '-' flag in '%--d'"),
        // gcc takes unsigned char pointers for %s, but they are traced as pointers: an error, as in generate.
        RuleCase(
            "foo(uint8_t *buf) \"%s\"",
            "t:1:20: error: '%s' with argument 'buf' of type 'uint8_t *': gcc accepts it, but only 'char *' and "
                + "'const char *' are traced as strings; declare the argument 'const char *' or print it with '%p'",
            "t:1:5: note: argument 'buf' is declared here",
            gccDiffers: "gcc takes any character pointer for %s; only char * is recorded as a string"),
        // Several problems on one line are all reported, in column order.
        RuleCase(
            "foo(uint64_t a, uint32_t b, int c) \"%d %lx\"",
            "t:1:29: error: too many arguments for format: 'c' is not used by the format",
            "t:1:37: error: format '%d' expects an argument of type 'int', but argument 'a' has type 'uint64_t'; "
                + "write \"%\" PRId64 instead",
            "t:1:5: note: argument 'a' is declared here",
            "t:1:40: error: format '%lx' expects an argument of type 'unsigned long', but argument 'b' has type "
                + "'uint32_t'; write %x instead",
            "t:1:17: note: argument 'b' is declared here"),
    ]

    @Test(arguments: invalid) func mismatchesAreReportedAtTheConversion(_ rule: RuleCase) {
        #expect(rule.actual == rule.expected)
    }
}
