import CTraceEvents

/// What a program prints for `--lttng-help`: how to record its trace events with LTTng-UST.
///
/// The commands name the LTTng providers linked into the program (one per generated trace-events file,
/// found in the registry), so they can be copied as they are. The channel settings avoid discarded events at
/// high event rates: large sub-buffers, and either blocking (the program waits for the consumer instead of
/// dropping records) or flight-recorder mode.
public enum LTTngHelp {
    /// One LTTng provider linked into the program.
    public struct Provider: Hashable, Sendable {
        /// The provider name events are recorded under (`vfio_migration`).
        public var name: String
        /// How many of its events have a tracepoint (events with `disable` have none).
        public var tracepointCount: Int
        /// Whether the provider was compiled with LTTng-UST probes (the package's `LTTng` trait).
        public var isCompiledWithLTTng: Bool

        /// Creates a provider description.
        public init(name: String, tracepointCount: Int, isCompiledWithLTTng: Bool) {
            self.name = name
            self.tracepointCount = tracepointCount
            self.isCompiledWithLTTng = isCompiledWithLTTng
        }
    }

    /// The providers of every group registered in this process, sorted by name.
    public static var linkedProviders: [Provider] {
        var providers: [Provider] = []
        var group = optional(ste_first_group())
        while let current = group {
            let entry = current.pointee
            var count = 0
            if let events = optional(entry.events) {
                for index in 0..<Int(entry.event_count) {
                    if let event = optional(events[index]), event.pointee.flags & STE_EVENT_DISABLED == 0 { count += 1 }
                }
            }
            let name = optional(entry.provider).map { String(cString: $0) } ?? ""
            providers.append(Provider(name: name, tracepointCount: count, isCompiledWithLTTng: TraceEventGroup.compiledBackends(entry).contains("lttng")))
            group = optional(entry.next).map { UnsafePointer($0) }
        }
        return providers.sorted { $0.name < $1.name }
    }

    /// The C registry's pointers import as optional or not depending on the header's nullability
    /// annotations; this reads both the same way.
    private static func optional<Pointer>(_ pointer: Pointer?) -> Pointer? { pointer }

    /// The help text for this program's providers.
    ///
    /// - Parameter program: the command that runs the program, as the reader should type it.
    public static func text(program: String = "PROGRAM") -> String {
        text(providers: linkedProviders, program: program)
    }

    /// The help text for the given providers.
    public static func text(providers: [Provider], program: String) -> String {
        let names = providers.map(\.name)
        let enabled = names.isEmpty ? "'PROVIDER:*'" : names.map { "'\($0):*'" }.joined(separator: " ")
        var text = "Recording trace events with LTTng-UST\n\n"
        if providers.isEmpty {
            text += "This program has no LTTng providers linked in.\n\n"
        } else {
            text += "LTTng providers in this program:\n"
            for provider in providers {
                text += "  \(provider.name) (\(provider.tracepointCount) tracepoints)\n"
            }
            text += "\n"
        }
        if providers.contains(where: { !$0.isCompiledWithLTTng }) {
            text += """
                This program was built without LTTng support, so a session records nothing from it.
                Rebuild it with the LTTng trait: swift build --traits LTTng
                (needs the LTTng-UST headers: apt-get install liblttng-ust-dev lttng-tools babeltrace2)


                """
        }
        text += """
            1. Start a session daemon if none runs (pgrep lttng-sessiond):
                 lttng-sessiond --daemonize

            2. Create a session that writes its trace to a directory:
                 lttng create my-session --output=/tmp/my-trace

            3. Create a channel large enough for high event rates. By default LTTng discards event
               records when the consumer falls behind; choose one of:
                 # keep every record: the program blocks while the buffers are full
                 lttng enable-channel -u --subbuf-size=4M --num-subbuf=8 --blocking-timeout=inf ste
                 # (blocking takes effect only when the program runs with LTTNG_UST_ALLOW_BLOCKING=1)
               or
                 # flight recorder: keep the newest records, overwrite the oldest
                 lttng enable-channel -u --subbuf-size=4M --num-subbuf=8 --overwrite ste

            4. Enable the events (all of a provider, or a glob such as 'PROVIDER:vfio_save_*'):
                 lttng enable-event -u -c ste \(enabled)

            5. Record:
                 lttng start
                 LTTNG_UST_ALLOW_BLOCKING=1 \(program)
                 lttng stop

            6. Read the trace, then delete the session (the trace directory stays):
                 babeltrace2 /tmp/my-trace
                 lttng destroy my-session

            babeltrace2 warns "Tracer discarded N events" when records were lost: use larger or more
            sub-buffers (--subbuf-size, --num-subbuf) or the blocking channel above.
            The program does not need a session daemon: without one, or if it stops, tracing to LTTng is
            simply off and the other backends keep working.

            """
        return text
    }
}
