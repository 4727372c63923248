/// The events a declaration stands for once QEMU's tracetool has applied its properties: the `vcpu`
/// property adds the vCPU pointer as an implicit first argument and `"cpu=%p "` before the format
/// (scripts/tracetool/vcpu.py), and the `tcg` property splits the declaration into a translation-time
/// event `NAME_trans` (the arguments that are not `TCGv*`) and an execution-time event `NAME_exec` (every
/// argument, `TCGv*` ones as their host types; scripts/tracetool/transform.py's `TCG_2_HOST`).
///
/// Checking and generating work on these events; `list`, `fmt`, `diff` and `rename` keep the declaration
/// as written.
extension EventDeclaration {
    /// The name of the implicit vCPU argument, as QEMU's tracetool names it.
    public static let vcpuArgumentName = "__cpu"

    /// The text QEMU's tracetool puts before the format of a `vcpu` event.
    public static let vcpuFormatPrefix = "cpu=%p "

    /// The arguments the properties add before the written ones: `void *__cpu` for a `vcpu` event.
    public var implicitArguments: [EventArgument] {
        guard properties.contains(.vcpu) else { return [] }
        return [
            EventArgument(
                type: CType(base: .void, pointerDepth: 1), typeSpelling: "void *", name: Self.vcpuArgumentName,
                location: location)
        ]
    }

    /// Whether the event is split in two by the `tcg` property.
    public var isTCG: Bool { properties.contains(.tcg) }

    /// The events this declaration defines, in order: itself with its implicit arguments, or, for a `tcg`
    /// event, `NAME_trans` and `NAME_exec`. They carry only the `disable` property.
    public var expandedEvents: [EventDeclaration] {
        // Most events have no `vcpu` or `tcg`: they stand for themselves (only `disable` among their properties).
        guard isTCG || properties.contains(.vcpu) else { return [self] }
        let kept = properties.filter { $0 == .disable }
        guard isTCG else {
            return [derived(name: name, properties: kept, arguments: implicitArguments + arguments, format: format)]
        }
        let translation = arguments.filter { $0.type.base.tcgHostType == nil || $0.type.pointerDepth > 0 }
        let execution = arguments.map(\.executionTimeArgument)
        return [
            derived(name: name + "_trans", properties: kept, arguments: implicitArguments + translation, format: format),
            derived(
                name: name + "_exec", properties: kept, arguments: implicitArguments + execution,
                format: executionFormat),
        ]
    }

    private func derived(
        name: String, properties: [EventProperty], arguments: [EventArgument], format: EventFormat?
    ) -> EventDeclaration {
        var prefixed = format
        if self.properties.contains(.vcpu) {
            // An event without a format still gets the prefix: tracetool concatenates it with the empty format.
            let written = format ?? EventFormat(pieces: [], bytes: [], segments: [], location: location)
            prefixed = written.prefixed(with: Self.vcpuFormatPrefix)
        }
        return EventDeclaration(
            name: name, properties: properties, arguments: arguments, format: prefixed, sourceFile: sourceFile,
            location: location)
    }
}

extension EventArgument {
    /// The argument as the execution-time event of a `tcg` event has it: `TCGv*` types become host types.
    var executionTimeArgument: EventArgument {
        guard type.pointerDepth == 0, let host = type.base.tcgHostType else { return self }
        var argument = self
        argument.type = host
        argument.typeSpelling = host.description
        return argument
    }
}

extension EventFormat {
    /// The format with `text` (plain text and conversions, no escapes) before it, as QEMU's tracetool
    /// concatenates `"cpu=%p "` with the written format; the added bytes point at the format's start.
    func prefixed(with text: String) -> EventFormat {
        let added = Array(text.utf8)
        let allBytes = added + bytes
        let columns =
            byteColumns.isEmpty && !bytes.isEmpty ? [] : Array(repeating: location.column, count: added.count) + byteColumns
        var ignored: [Diagnostic] = []
        let segments = ConversionParser.segments(
            of: allBytes, columns: columns.isEmpty ? Array(repeating: location.column, count: allBytes.count) : columns,
            file: location.file, line: location.line, diagnostics: &ignored)
        return EventFormat(
            pieces: [.literal(text)] + pieces, bytes: allBytes, segments: segments, location: location,
            byteColumns: columns)
    }
}

extension TraceEventsFile {
    /// Every event the file defines once properties are applied (see ``EventDeclaration/expandedEvents``).
    public var expandedEvents: [EventDeclaration] { events.flatMap(\.expandedEvents) }

    /// The file with each declaration replaced by the events it defines, for generators that know no
    /// properties but `disable`.
    public func expanded() -> TraceEventsFile {
        TraceEventsFile(
            path: path,
            lines: lines.flatMap { line -> [Line] in
                guard case .event(let event) = line else { return [line] }
                return event.expandedEvents.map(Line.event)
            })
    }
}
