#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension PrintfBuffer {
    /// Appends what glibc's `%m` prints: `strerror(errno)` for the calling thread's `errno` now, padded
    /// and cut like `%s` (`spec` is a `%s` spec). Older QEMU dialects' events use it.
    public mutating func appendErrnoDescription(_ spec: PrintfSpec) {
        let number = errno
        appendString(String(cString: strerror(number)), spec)
    }
}
