/// LTTng-UST's limit on tracepoint names.
///
/// lttng-ust's `lttng_ust_tracepoint_validate_name_len` static-asserts
/// `sizeof(#provider) + sizeof(#event) <= LTTNG_UST_TRACEPOINT_NAME_LEN_MAX` (256), the room for
/// `provider:event` and its NUL (LTTNG_UST_SYM_NAME_LEN in lttng-ust 2.12, the same bound). A longer name
/// stops the generated provider from compiling with the LTTng backend.
public enum LTTngNameLimit {
    /// `LTTNG_UST_TRACEPOINT_NAME_LEN_MAX`.
    public static let nameLengthMax = 256

    /// The most bytes the provider and event names may have together: 256 less the two NULs `sizeof` counts.
    public static let combinedLengthMax = nameLengthMax - 2

    /// Whether an event called `event` fits under `provider`; with no provider, whether it fits under the
    /// shortest one (a single character).
    public static func fits(event: String, provider: String?) -> Bool {
        event.utf8.count + max(provider?.utf8.count ?? 1, 1) <= combinedLengthMax
    }
}
