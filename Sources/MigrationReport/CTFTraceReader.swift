import CBabeltrace2
#if canImport(Glibc)
import Glibc
#endif

/// Reads the CTF traces LTTng recorded (a session's output, a relay daemon's, a snapshot) through libbabeltrace2:
/// a graph of `src.ctf.fs`, `flt.utils.muxer` and a sink that collects the events in time order.
public struct CTFTraceReader: Sendable {
    /// Why a trace could not be read.
    public struct ReadError: Error, CustomStringConvertible {
        /// What went wrong, for people.
        public var description: String
    }

    /// The events' templates, which render each event's message from its fields.
    public var catalog: EventCatalog

    /// Creates a reader.
    public init(catalog: EventCatalog = .engine) {
        self.catalog = catalog
    }

    /// Every event of the traces under `paths`, merged in time order.
    public func events(under paths: [String]) throws -> [RecordedEvent] {
        guard let graph = bt_graph_create(0) else { throw ReadError(description: "cannot create a babeltrace2 graph") }
        defer { bt_graph_put_ref(graph) }
        let collector = EventCollector(catalog: catalog)
        let traces = paths.flatMap { Self.traceDirectories(under: $0) }
        guard !traces.isEmpty else {
            throw ReadError(description: "no CTF trace (a directory with a 'metadata' file) under \(paths.joined(separator: ", "))")
        }
        let sources = try traces.map { try addSource(to: graph, inputs: [$0]) }
        let muxer = try addFilter(to: graph)
        var sink: OpaquePointer?
        let added = bt_graph_add_simple_sink_component(
            graph, "collector", nil, { iterator, data in
                Unmanaged<EventCollector>.fromOpaque(data!).takeUnretainedValue().consume(iterator!)
            }, nil, Unmanaged.passUnretained(collector).toOpaque(), &sink)
        guard added == BT_GRAPH_ADD_COMPONENT_STATUS_OK, let sink else { throw Self.failure("cannot add the collecting sink") }
        // The muxer always offers one free input port, and a new one once that is connected.
        var muxerPort: UInt64 = 0
        for source in sources {
            for index in 0..<bt_component_source_get_output_port_count(source) {
                let input = bt_component_filter_borrow_input_port_by_index_const(muxer, muxerPort)
                let output = bt_component_source_borrow_output_port_by_index_const(source, index)
                guard bt_graph_connect_ports(graph, output, input, nil) == BT_GRAPH_CONNECT_PORTS_STATUS_OK else {
                    throw Self.failure("cannot connect the trace's streams to the muxer")
                }
                muxerPort += 1
            }
        }
        guard bt_graph_connect_ports(
            graph, bt_component_filter_borrow_output_port_by_index_const(muxer, 0),
            bt_component_sink_borrow_input_port_by_index_const(sink, 0), nil) == BT_GRAPH_CONNECT_PORTS_STATUS_OK
        else { throw Self.failure("cannot connect the muxer to the sink") }
        var status = bt_graph_run(graph)
        while status == BT_GRAPH_RUN_STATUS_AGAIN { status = bt_graph_run(graph) }
        guard status == BT_GRAPH_RUN_STATUS_OK else {
            throw Self.failure("cannot read the trace at \(paths.joined(separator: ", "))")
        }
        return collector.events
    }

    /// `path` and the directories below it that hold a CTF trace (a `metadata` file), as babeltrace2's command
    /// line finds them; LTTng writes one per user or process and ABI (`ust/uid/0/64-bit`), a relay one per host
    /// and session.
    static func traceDirectories(under path: String) -> [String] {
        if access(path + "/metadata", F_OK) == 0 { return [path] }
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." && entry.pointee.d_type == UInt8(DT_DIR) { names.append(name) }
        }
        return names.sorted().flatMap { traceDirectories(under: path + "/" + $0) }
    }

    private func addSource(to graph: OpaquePointer, inputs: [String]) throws -> OpaquePointer {
        let plugin = try Self.plugin("ctf")
        defer { bt_plugin_put_ref(plugin) }
        guard let componentClass = bt_plugin_borrow_source_component_class_by_name_const(plugin, "fs") else {
            throw ReadError(description: "babeltrace2's ctf plugin has no 'fs' source")
        }
        let parameters = bt_value_map_create()
        let array = bt_value_array_create()
        defer {
            bt_value_put_ref(parameters)
            bt_value_put_ref(array)
        }
        for input in inputs { _ = bt_value_array_append_string_element(array, input) }
        _ = bt_value_map_insert_entry(parameters, "inputs", array)
        var source: OpaquePointer?
        let status = bt_graph_add_source_component(
            graph, componentClass, "source-\(inputs[0])", parameters, BT_LOGGING_LEVEL_NONE, &source)
        guard status == BT_GRAPH_ADD_COMPONENT_STATUS_OK, let source else {
            throw Self.failure("no CTF trace found at \(inputs.joined(separator: ", "))")
        }
        return source
    }

    private func addFilter(to graph: OpaquePointer) throws -> OpaquePointer {
        let plugin = try Self.plugin("utils")
        defer { bt_plugin_put_ref(plugin) }
        guard let componentClass = bt_plugin_borrow_filter_component_class_by_name_const(plugin, "muxer") else {
            throw ReadError(description: "babeltrace2's utils plugin has no 'muxer' filter")
        }
        var muxer: OpaquePointer?
        let status = bt_graph_add_filter_component(graph, componentClass, "muxer", nil, BT_LOGGING_LEVEL_NONE, &muxer)
        guard status == BT_GRAPH_ADD_COMPONENT_STATUS_OK, let muxer else { throw Self.failure("cannot add the muxer") }
        return muxer
    }

    private static func plugin(_ name: String) throws -> OpaquePointer {
        var plugin: OpaquePointer?
        let status = bt_plugin_find(name, 1, 1, 1, 1, 0, &plugin)
        guard status == BT_PLUGIN_FIND_STATUS_OK, let plugin else {
            throw ReadError(description: "babeltrace2's '\(name)' plugin is not installed (Debian: babeltrace2, libbabeltrace2-0)")
        }
        return plugin
    }

    /// `message`, followed by the library's own explanation when it left one for this thread.
    private static func failure(_ message: String) -> ReadError {
        guard let error = bt_current_thread_take_error() else { return ReadError(description: message) }
        defer { bt_error_release(error) }
        var causes: [String] = []
        for index in 0..<bt_error_get_cause_count(error) {
            if let cause = bt_error_borrow_cause_by_index(error, index), let text = bt_error_cause_get_message(cause) {
                causes.append(String(cString: text))
            }
        }
        return ReadError(description: ([message] + causes.reversed().prefix(2)).joined(separator: ": "))
    }
}

/// The sink's state: the events seen so far. Only the graph's thread touches it.
private final class EventCollector {
    let catalog: EventCatalog
    var events: [RecordedEvent] = []

    init(catalog: EventCatalog) {
        self.catalog = catalog
    }

    func consume(_ iterator: OpaquePointer) -> bt_graph_simple_sink_component_consume_func_status {
        var messages: UnsafeMutablePointer<OpaquePointer?>?
        var count: UInt64 = 0
        switch bt_message_iterator_next(iterator, &messages, &count) {
        case BT_MESSAGE_ITERATOR_NEXT_STATUS_OK: break
        case BT_MESSAGE_ITERATOR_NEXT_STATUS_END: return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_END
        case BT_MESSAGE_ITERATOR_NEXT_STATUS_AGAIN: return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_AGAIN
        case BT_MESSAGE_ITERATOR_NEXT_STATUS_MEMORY_ERROR:
            return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_MEMORY_ERROR
        default: return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_ERROR
        }
        for index in 0..<Int(count) {
            guard let message = messages?[index] else { continue }
            if bt_message_get_type(message) == BT_MESSAGE_TYPE_EVENT, let event = recordedEvent(message) {
                events.append(event)
            }
            bt_message_put_ref(message)
        }
        return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_OK
    }

    private func recordedEvent(_ message: OpaquePointer) -> RecordedEvent? {
        guard let event = bt_message_event_borrow_event_const(message),
            let eventClass = bt_event_borrow_class_const(event), let rawName = bt_event_class_get_name(eventClass),
            let stream = bt_event_borrow_stream_const(event)
        else { return nil }
        let fullName = String(cString: rawName)
        let name = fullName.split(separator: ":", maxSplits: 1).last.map(String.init) ?? fullName
        var time: Int64 = 0
        if bt_stream_class_borrow_default_clock_class_const(bt_stream_borrow_class_const(stream)) != nil {
            let snapshot = bt_message_event_borrow_default_clock_snapshot_const(message)
            _ = bt_clock_snapshot_get_ns_from_origin(snapshot, &time)
        }
        let trace = bt_stream_borrow_trace_const(stream)
        let host = Self.environmentString(trace, "hostname") ?? "unknown-host"
        var fields: [String: FieldValue] = [:]
        Self.addMembers(of: bt_event_borrow_payload_field_const(event), to: &fields)
        var context: [String: FieldValue] = [:]
        Self.addMembers(of: bt_event_borrow_common_context_field_const(event), to: &context)
        let process: Int64
        if case .signed(let vpid)? = context["vpid"] {
            process = vpid
        } else if case .unsigned(let vpid)? = context["vpid"] {
            process = Int64(clamping: vpid)
        } else {
            process = Self.environmentInteger(trace, "vpid") ?? 0
        }
        let message = catalog.template(of: name)?.render(fields)
            ?? fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return RecordedEvent(
            name: name, time: time, origin: EventOrigin(host: host, process: process), fields: fields, message: message)
    }

    private static func addMembers(of structure: OpaquePointer?, to fields: inout [String: FieldValue]) {
        guard let structure, bt_field_get_class_type(structure) == BT_FIELD_CLASS_TYPE_STRUCTURE else { return }
        let structureClass = bt_field_borrow_class_const(structure)
        for index in 0..<bt_field_class_structure_get_member_count(structureClass) {
            guard let member = bt_field_class_structure_borrow_member_by_index_const(structureClass, index),
                let rawName = bt_field_class_structure_member_get_name(member),
                let field = bt_field_structure_borrow_member_field_by_index_const(structure, index)
            else { continue }
            let type = bt_field_get_class_type(field)
            let value: FieldValue
            if bt_field_class_type_is(type, BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER) != 0 {
                value = .unsigned(bt_field_integer_unsigned_get_value(field))
            } else if bt_field_class_type_is(type, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER) != 0 {
                value = .signed(bt_field_integer_signed_get_value(field))
            } else if type == BT_FIELD_CLASS_TYPE_STRING, let text = bt_field_string_get_value(field) {
                value = .string(String(cString: text))
            } else {
                continue
            }
            fields[String(cString: rawName)] = value
        }
    }

    private static func environmentString(_ trace: OpaquePointer?, _ name: String) -> String? {
        guard let trace, let value = bt_trace_borrow_environment_entry_value_by_name_const(trace, name),
            bt_value_get_type(value) == BT_VALUE_TYPE_STRING, let text = bt_value_string_get(value)
        else { return nil }
        return String(cString: text)
    }

    private static func environmentInteger(_ trace: OpaquePointer?, _ name: String) -> Int64? {
        guard let trace, let value = bt_trace_borrow_environment_entry_value_by_name_const(trace, name),
            bt_value_get_type(value) == BT_VALUE_TYPE_SIGNED_INTEGER
        else { return nil }
        return bt_value_integer_signed_get(value)
    }
}
