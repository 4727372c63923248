/// Which arguments each conversion of an event's format takes, decided once for the checker, the message
/// renderer, the LTTng fields and the tests: printf's rule, in order, `*` field width first, then `*`
/// precision, then the printed value (none for `%m`).
///
/// A conversion whose length modifier does not fit its character still takes its arguments, so that the
/// conversions after it pair as printf would pair them.
public struct FormatArgumentPairing: Hashable, Sendable {
    /// What one `*` or value of a conversion takes.
    public enum Take: Hashable, Sendable {
        /// Nothing: the conversion has no `*` here, or prints no argument (`%m`).
        case nothing
        /// The argument at this index of the event's arguments.
        case argument(Int)
        /// An argument is needed but the arguments ran out.
        case missing
    }

    /// One conversion with what it takes.
    public struct Binding: Hashable, Sendable {
        /// The conversion.
        public var conversion: FormatConversion
        /// What its `*` field width takes.
        public var width: Take
        /// What its `*` precision takes.
        public var precision: Take
        /// The argument it prints.
        public var value: Take
    }

    /// One binding per conversion of the format, in order.
    public var bindings: [Binding]
    /// The indices of the arguments no conversion takes, in order.
    public var unusedArguments: [Int]

    /// Pairs `format`'s conversions with `arguments`.
    public init(format: EventFormat, arguments: [EventArgument]) {
        var next = 0
        func take(_ wanted: Bool) -> Take {
            guard wanted else { return .nothing }
            guard next < arguments.count else { return .missing }
            defer { next += 1 }
            return .argument(next)
        }
        bindings = format.conversions.map { conversion in
            let width = take(conversion.width == .star)
            let precision = take(conversion.precision == .star)
            let value = take(conversion.specifier != "m")
            return Binding(conversion: conversion, width: width, precision: precision, value: value)
        }
        unusedArguments = Array(next..<arguments.count)
    }

    /// The pairing of `event`'s format, or nil when it has none.
    public init?(_ event: EventDeclaration) {
        guard let format = event.format else { return nil }
        self.init(format: format, arguments: event.arguments)
    }

    /// The conversion that prints the argument at `index`, or nil when none does (it is a `*` or unused).
    public func printingConversion(ofArgument index: Int) -> FormatConversion? {
        bindings.first { $0.value == .argument(index) }?.conversion
    }
}
