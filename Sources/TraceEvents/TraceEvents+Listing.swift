#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TraceEvents {
    /// The list of events, as QEMU's `-trace help` prints it: one name per line.
    ///
    /// With `verbose`, each line also shows whether the event is on, its declaration, and where it is
    /// defined: `on  vfio_save_setup(const char *name, uint64_t size) "..." [vfio_migration trace-events:12]`.
    public static func listing(verbose: Bool = false) -> String {
        var text = ""
        for event in allEvents {
            if verbose {
                let state = !event.isTraceable ? "disabled" : event.isEnabled ? "on" : "off"
                let group = event.group.map { "\($0.name) \($0.file):\(event.line)" } ?? "line \(event.line)"
                text += "\(state.padding(8))\(event) [\(group)]\n"
            } else {
                text += "\(event.name)\n"
            }
        }
        return text
    }

    /// Prints ``listing(verbose:)`` to standard output: the helper behind a `--trace help` option.
    public static func printListing(verbose: Bool = false) {
        writeAll(STDOUT_FILENO, listing(verbose: verbose))
    }

    /// Whether a command-line trace argument is QEMU's request for the list of events (`help` or `?`).
    public static func isHelpRequest(_ argument: String) -> Bool {
        TracePatternLine(argument).isHelpRequest
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
