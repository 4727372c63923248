import CTraceEvents

// The entry points that generated trace functions call. The generator's Swift writer emits calls to exactly
// these declarations; keep the two in step. Generated code calls them only after it found the event's
// dynamic state on, so none of this is on the path of an event that is off.

/// One argument of an event, as backends receive it.
///
/// Integers arrive widened to 64 bits (sign-extended when the C type is signed); pointers as their address.
public enum TraceValue: Sendable, Hashable {
    /// A `const char *` argument; `nil` for a NULL pointer.
    case string(String?)
    /// A signed integer argument of any width.
    case signed(Int64)
    /// An unsigned integer argument of any width.
    case unsigned(UInt64)
    /// A pointer argument's address.
    case pointer(UInt)
    /// A `bool` argument.
    case bool(Bool)
    /// A `float` or `double` argument (older QEMU dialects), as the `double` printf receives.
    case floating(Double)
}

/// Support for generated code; not for direct use.
public enum _GeneratedTraceSupport {
    /// Renders one event and hands it to every installed backend: what a generated `_steLog_*` function calls.
    ///
    /// Nothing is rendered when no backend is installed. `render` runs only when an installed backend reads the
    /// message (``TraceBackend/needsMessage``), into storage the thread reuses, and `arguments` only when one reads
    /// arguments (``TraceBackend/needsArguments``).
    ///
    /// - Parameters:
    ///   - event: the event's registry entry (from the generated C provider).
    ///   - arguments: builds the event's arguments, in declaration order.
    ///   - render: appends the event's format rendered with its arguments, as C printf renders it.
    @inline(never)
    public static func log(
        _ event: UnsafePointer<ste_event>,
        arguments: () -> [TraceValue],
        message render: (inout PrintfBuffer) -> Void
    ) {
        installedBackends.withCurrent { list in
            guard !list.backends.isEmpty else { return }
            var message = list.needsMessage ? PrintfBuffer.onThreadStorage() : PrintfBuffer(reusing: nil)
            if list.needsMessage { render(&message) }
            TraceEvents.deliver(
                TraceEvent(event), arguments: list.needsArguments ? arguments() : [], message: &message, to: list)
            // A buffer on no storage has nothing to give back.
            message.keepStorageForThread()
        }
    }
}
