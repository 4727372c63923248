import Foundation

/// What `swift-tracetool list` prints: every event of some files, with everything tools need to know
/// about it. Its JSON form (`list --json`) is a stable schema; fields are only ever added, and a change
/// that is not an addition bumps ``schemaVersion``.
///
/// ```json
/// { "schemaVersion": 1,
///   "files": [ { "path": "hw/vfio/trace-events", "group": "hw_vfio",
///                "events": [ { "name": "vfio_intx_interrupt", "group": "hw_vfio", "file": "hw/vfio/trace-events",
///                              "line": 6, "column": 1, "sourceFile": "pci.c", "properties": [],
///                              "arguments": [ { "name": "name", "type": "const char *", "typeAsWritten": "const char *" } ],
///                              "format": { "source": "\" (%s) Pin %c\"", "printf": " (%s) Pin %c",
///                                          "conversions": ["%s", "%c"] },
///                              "implicitArguments": [], "executionFormat": null,
///                              "expandedEvents": [ { "name": "vfio_intx_interrupt", "arguments": [ ... ],
///                                                    "format": { ... } } ] } ] } ] }
/// ```
///
/// `properties` lists `disable`, `vcpu` and `tcg` as written; `implicitArguments` are those the properties
/// add (`void *__cpu` for `vcpu`); `executionFormat` is the second format of a `tcg` event (`format` is then
/// the translation-time one); `expandedEvents` are the events checked and generated: the event itself with
/// its implicit arguments and `"cpu=%p "` before its format, or `NAME_trans` and `NAME_exec` for `tcg`.
public struct EventListing: Codable, Hashable, Sendable {
    /// The version of this schema.
    public static let currentSchemaVersion = 1

    /// ``currentSchemaVersion`` when the listing was made.
    public var schemaVersion: Int
    /// The files, in the order they were given.
    public var files: [File]

    /// Creates a listing of parsed files with their group names.
    public init(files: [(path: String, group: String, file: TraceEventsFile)]) {
        schemaVersion = Self.currentSchemaVersion
        self.files = files.map { entry in
            File(path: entry.path, group: entry.group,
                events: entry.file.events.map { Event(entry.group, entry.path, $0) })
        }
    }

    /// One `trace-events` file.
    public struct File: Codable, Hashable, Sendable {
        /// The path as given on the command line.
        public var path: String
        /// The file's group (see ``EventGroupName``).
        public var group: String
        /// Its events, in file order.
        public var events: [Event]
    }

    /// One event.
    public struct Event: Codable, Hashable, Sendable {
        /// The event's name.
        public var name: String
        /// The group of the file that defines it.
        public var group: String
        /// The path of the file that defines it, as given.
        public var file: String
        /// The 1-based line of its definition.
        public var line: Int
        /// The 1-based column of its name.
        public var column: Int
        /// The source file named by the `# file.c` comment it stands under, or null.
        public var sourceFile: String?
        /// Its properties (`disable`), in order.
        public var properties: [String]
        /// Its arguments, in order; empty for `(void)`.
        public var arguments: [Argument]
        /// Its format, or null when the line has none; the translation-time format of a `tcg` event.
        public var format: Format?
        /// The arguments its properties add before the written ones (`void *__cpu` for `vcpu`).
        public var implicitArguments: [Argument]
        /// The execution-time format of a `tcg` event, or null.
        public var executionFormat: Format?
        /// The events the declaration defines, as checked and generated.
        public var expandedEvents: [ExpandedEvent]

        init(_ group: String, _ path: String, _ event: EventDeclaration) {
            name = event.name
            self.group = group
            file = path
            line = event.location.line
            column = event.location.column
            sourceFile = event.sourceFile
            properties = event.properties.map(\.rawValue)
            arguments = event.arguments.map(Argument.init)
            format = event.format.map(Format.init)
            implicitArguments = event.implicitArguments.map(Argument.init)
            executionFormat = event.executionFormat.map(Format.init)
            expandedEvents = event.expandedEvents.map { expanded in
                ExpandedEvent(
                    name: expanded.name, arguments: expanded.arguments.map(Argument.init),
                    format: expanded.format.map(Format.init))
            }
        }

        private enum CodingKeys: String, CodingKey {
            case name, group, file, line, column, sourceFile, properties, arguments, format, implicitArguments
            case executionFormat, expandedEvents
        }

        /// Encodes every key, absent values as `null`, so that the schema's keys are always present.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(group, forKey: .group)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(sourceFile, forKey: .sourceFile)
            try container.encode(properties, forKey: .properties)
            try container.encode(arguments, forKey: .arguments)
            try container.encode(format, forKey: .format)
            try container.encode(implicitArguments, forKey: .implicitArguments)
            try container.encode(executionFormat, forKey: .executionFormat)
            try container.encode(expandedEvents, forKey: .expandedEvents)
        }

        /// The event on one line, tab-separated: `FILE:LINE`, group, source file (`-` if none), name,
        /// properties (comma-separated, `-` if none), `(TYPE NAME, ...)`, the format as written (`-` if
        /// none), and the format as printf sees it, as a C string literal (`-` if none; bytes that are not
        /// UTF-8 show as U+FFFD, as in ``Format/printf``).
        public var textLine: String {
            let arguments = "(" + (self.arguments.isEmpty ? "void" : self.arguments.map { $0.type + ($0.type.hasSuffix("*") ? "" : " ") + $0.name }
                .joined(separator: ", ")) + ")"
            return [
                "\(file):\(line)", group, sourceFile ?? "-", name,
                properties.isEmpty ? "-" : properties.joined(separator: ","), arguments,
                // A tab inside a literal would split the column; `\t` means the same to C.
                format.map { ($0.source + (executionFormat.map { ", " + $0.source } ?? "")).replacingOccurrences(of: "\t", with: "\\t") } ?? "-",
                format.map { Self.cLiteral($0.printf) } ?? "-",
            ].joined(separator: "\t")
        }

        /// `text` as a C string literal, so control characters and tabs stay visible on one line.
        static func cLiteral(_ text: String) -> String {
            var literal = "\""
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): literal += "\\\""
                case UInt8(ascii: "\\"): literal += "\\\\"
                case UInt8(ascii: "\n"): literal += "\\n"
                case UInt8(ascii: "\t"): literal += "\\t"
                case 0x20..<0x7F: literal.unicodeScalars.append(Unicode.Scalar(byte))
                default:
                    // Three octal digits, not \x: a hex escape would swallow a hex digit that follows it.
                    let octal = String(byte, radix: 8)
                    literal += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                }
            }
            return literal + "\""
        }
    }

    /// One event a declaration defines once its properties are applied.
    public struct ExpandedEvent: Codable, Hashable, Sendable {
        /// Its name (`NAME`, or `NAME_trans`/`NAME_exec` for `tcg`).
        public var name: String
        /// Its arguments, implicit ones first.
        public var arguments: [Argument]
        /// Its format as printed, or null.
        public var format: Format?

        /// Encodes every key, an absent format as `null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(arguments, forKey: .arguments)
            try container.encode(format, forKey: .format)
        }
    }

    /// One argument.
    public struct Argument: Codable, Hashable, Sendable {
        /// The argument's name.
        public var name: String
        /// Its C type, canonically spelled (`const char *`).
        public var type: String
        /// Its type as written, blanks folded (`const char*`).
        public var typeAsWritten: String

        init(_ argument: EventArgument) {
            self.init(name: argument.name, type: argument.type.description, typeAsWritten: argument.typeSpelling)
        }

        init(name: String, type: String, typeAsWritten: String) {
            self.name = name
            self.type = type
            self.typeAsWritten = typeAsWritten
        }
    }

    /// An event's format.
    public struct Format: Codable, Hashable, Sendable {
        /// The format as written: string literals and PRI macros (`"0x%" PRIx64`).
        public var source: String
        /// The format as printf sees it, literals joined and unescaped and macros expanded as on LP64 glibc
        /// (`0x%lx`); bytes that are not UTF-8 become U+FFFD.
        public var printf: String
        /// Each conversion as printf sees it, in order (`%%` is not a conversion).
        public var conversions: [String]

        init(_ format: EventFormat) {
            self.init(
                source: format.source, printf: String(decoding: format.bytes, as: UTF8.self),
                conversions: format.conversions.map(\.text))
        }

        init(source: String, printf: String, conversions: [String]) {
            self.source = source
            self.printf = printf
            self.conversions = conversions
        }
    }
}
