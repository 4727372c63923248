import CBaseline

/// One call site ready to run: a body that performs a given number of calls, and what undoes its set-up.
final class PreparedCase {
    /// Performs its argument's number of calls.
    let body: (UInt64) -> Void
    /// What the table should say about the run, e.g. lines a backend dropped; read before ``finish()``.
    let report: () -> String
    private let cleanup: () -> Void
    private var finished = false

    /// Creates a case from its body and its clean-up.
    init(
        body: @escaping (UInt64) -> Void,
        report: @escaping () -> String = { "" },
        cleanup: @escaping () -> Void = {}
    ) {
        self.body = body
        self.report = report
        self.cleanup = cleanup
    }

    /// Undoes the set-up (turns events off, restores handlers). Safe to call twice.
    func finish() {
        guard !finished else { return }
        finished = true
        cleanup()
    }

    /// Runs `count` calls inside `ste_bench_region`, the only place callgrind counts instructions.
    func runInMeasuredRegion(count: UInt64) {
        let context = Unmanaged.passRetained(self).toOpaque()
        defer { Unmanaged<PreparedCase>.fromOpaque(context).release() }
        ste_bench_region({ context, count in
            Unmanaged<PreparedCase>.fromOpaque(context!).takeUnretainedValue().body(count)
        }, context, count)
    }

    deinit { finish() }
}
