/// An error a simulated device reports, named after the errno its Linux driver would return.
public enum DeviceError: Error, Equatable, CustomStringConvertible {
    /// `EINVAL`: the request is not valid in the device's current state.
    case invalidArgument(String)
    /// `EIO`: the device failed while carrying out a valid request.
    case ioError(String)
    /// `ENOMSG`: in PRE_COPY, no more data is available right now.
    case noMessage
    /// `EBADF`: the data stream was closed by a state change.
    case badFileDescriptor

    /// A human-readable reason.
    public var description: String {
        switch self {
        case .invalidArgument(let why): "invalid argument: \(why)"
        case .ioError(let why): "I/O error: \(why)"
        case .noMessage: "no data available (ENOMSG)"
        case .badFileDescriptor: "data stream closed (EBADF)"
        }
    }
}
