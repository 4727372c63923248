/// Checks an event's format against its arguments the way `gcc -Wformat` checks a printf call on LP64
/// Linux: one argument per conversion (two or three with `*` widths and precisions), of a type the
/// conversion accepts, and no argument left over.
///
/// Type and count mismatches are errors, because QEMU compiles these formats with `-Wformat -Werror` and
/// because the stderr backend must print exactly what C's printf prints. Flag combinations gcc warns
/// about are warnings. Errors are reported at the conversion's `%`, with a note at the argument.
enum FormatArgumentChecker {
    /// The problems of `event`'s format; none for an event without a format.
    static func diagnostics(for event: EventDeclaration) -> [Diagnostic] {
        guard let format = event.format, let pairing = FormatArgumentPairing(event) else { return [] }
        var diagnostics = byteProblems(in: format)
        let arguments = event.arguments
        for binding in pairing.bindings {
            let conversion = binding.conversion
            diagnostics += FormatFlagRules.warnings(for: conversion)
            guard let expectation = ConversionExpectation(conversion) else {
                let length = conversion.length.rawValue
                let specifier = conversion.specifier.map(String.init) ?? ""
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "length modifier '\(length)' cannot be used with '%\(specifier)' in '\(conversion.text)'"
                            + (length == "l" && (specifier == "c" || specifier == "s")
                                ? " (wide characters are not supported in trace formats)" : ""),
                        at: conversion.location))
                continue
            }
            diagnostics += starProblems(binding.width, role: "field width", of: conversion, arguments)
            diagnostics += starProblems(binding.precision, role: "precision", of: conversion, arguments)
            switch binding.value {
            case .nothing:
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "'\(conversion.text)' prints strerror(errno) at the time of the call; QEMU 4.0 and later reject "
                            + "it: pass the error number as an argument instead",
                        at: conversion.location))
            case .missing:
                diagnostics.append(
                    missing("'\(conversion.text)'", wanted: expectation.wantedTypeName, at: conversion))
            case .argument(let index):
                diagnostics += typeProblems(conversion, expectation, arguments[index])
            }
        }
        if let first = pairing.unusedArguments.first {
            let names = pairing.unusedArguments.map { "'\(arguments[$0].name)'" }.joined(separator: ", ")
            let verb = pairing.unusedArguments.count == 1 ? "is" : "are"
            diagnostics.append(
                Diagnostic(.error, "too many arguments for format: \(names) \(verb) not used by the format",
                    at: arguments[first].location))
        }
        return diagnostics
    }

    /// The problems of what a `*` width or precision (`role`) of `conversion` takes.
    private static func starProblems(
        _ take: FormatArgumentPairing.Take, role: String, of conversion: FormatConversion, _ arguments: [EventArgument]
    ) -> [Diagnostic] {
        switch take {
        case .nothing:
            return []
        case .missing:
            return [missing("'*' (\(role)) of '\(conversion.text)'", wanted: "int", at: conversion)]
        case .argument(let index):
            let argument = arguments[index]
            guard !argument.type.promotesToInt else { return [] }
            return [
                Diagnostic(
                    .error,
                    "\(role) '*' in '\(conversion.text)' expects an argument of type 'int', but argument "
                        + "'\(argument.name)' has type '\(argument.typeSpelling)'",
                    at: conversion.location),
                declaredHere(argument),
            ]
        }
    }

    /// Problems with the format's bytes themselves, as QEMU's tracetool and printf see them.
    private static func byteProblems(in format: EventFormat) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let nul = format.bytes.firstIndex(of: 0) {
            diagnostics.append(
                Diagnostic(.error, "format contains a NUL byte; printf would stop there", at: format.location(ofByte: nul)))
        }
        let newline = UInt8(ascii: "\n")
        if format.bytes.last == newline {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "format ends with '\\n'; QEMU 4.2 and later reject it (the log backend ends every line itself), "
                        + "so the line is printed with an empty line after it, as QEMU 4.1 and earlier print it",
                    at: format.location(ofByte: format.bytes.count - 1)))
        } else if let inner = format.bytes.firstIndex(of: newline) {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "format contains '\\n'; QEMU 9.1 and later reject it (an event is one line: use several events)",
                    at: format.location(ofByte: inner)))
        }
        return diagnostics
    }

    private static func typeProblems(
        _ conversion: FormatConversion, _ expectation: ConversionExpectation, _ argument: EventArgument
    ) -> [Diagnostic] {
        let type = argument.type
        if expectation.accepts(type) {
            // gcc takes any character pointer for %s, but only `char *` is traced as a string: the generated
            // Swift takes other pointers as raw pointers and cannot print them as strings. An error, so that
            // `check` stops where `generate` would.
            if expectation == .string && type.kind != .string {
                return [
                    Diagnostic(
                        .error,
                        "'\(conversion.text)' with argument '\(argument.name)' of type '\(argument.typeSpelling)': "
                            + "gcc accepts it, but only 'char *' and 'const char *' are traced as strings; declare "
                            + "the argument 'const char *' or print it with '%p'",
                        at: conversion.location),
                    declaredHere(argument),
                ]
            }
            return []
        }
        var message =
            "format '\(conversion.text)' expects an argument of type '\(expectation.wantedTypeName)', but argument "
            + "'\(argument.name)' has type '\(argument.typeSpelling)'"
        if let replacement = ConversionSuggestion.replacement(for: conversion, argumentType: type),
            replacement != conversion.text
        {
            message += "; write \(replacement) instead"
        }
        return [Diagnostic(.error, message, at: conversion.location), declaredHere(argument)]
    }

    private static func missing(_ what: String, wanted: String, at conversion: FormatConversion) -> Diagnostic {
        Diagnostic(.error, "too few arguments for format: \(what) expects a matching '\(wanted)' argument",
            at: conversion.location)
    }

    private static func declaredHere(_ argument: EventArgument) -> Diagnostic {
        Diagnostic(.note, "argument '\(argument.name)' is declared here", at: argument.location)
    }
}
