/// How a trace function's arguments reach a C probe wrapper: the C type each travels as, and the out-of-line
/// Swift function that converts them (strings lent as C strings, pointers as their address) and calls the
/// wrapper. Shared by every backend whose probes are C macros Swift cannot expand.
enum CArgumentPassing {
    /// The C type an argument travels as: what Swift imports as the trace function's parameter type
    /// (`size_t` would import as `Int`), with pointers as their address.
    static func cType(_ type: CType) -> String {
        switch type.kind {
        case .string: return "const char *"
        case .pointer: return "uintptr_t"
        case .bool: return "bool"
        // Generators see expanded events, where TCG values have their host types.
        case .void, .tcg: return "int"
        case .floating: return type.base.rawValue
        case .integer:
            switch type.base {
            case .size: return "unsigned long"
            case .ssize: return "long"
            default: return type.base.rawValue
            }
        }
    }

    /// The C parameter list of a wrapper taking the event's arguments: `const char * name, uint64_t size`.
    static func cParameters(_ event: EventDeclaration) -> String {
        let parameters = event.arguments.map { "\(cType($0.type)) \($0.name)" }
        return parameters.isEmpty ? "void" : parameters.joined(separator: ", ")
    }

    /// `@inline(never) private func NAME(args) { ... cFunction(converted args) ... }`.
    static func helper(named name: String, for event: EventDeclaration, calling cFunction: String) -> String {
        var helper = "@inline(never)\nprivate func \(name)(\(SwiftWriter.parameterList(event))) {\n"
        var indent = "    "
        var closes = 0
        var callArguments: [String] = []
        for argument in event.arguments {
            let name = SwiftTypeMapping.parameterName(argument.name)
            switch argument.type.kind {
            case .string:
                helper += "\(indent)_GeneratedTraceSupport.withCString(\(name)) { \(name) in\n"
                indent += "    "
                closes += 1
                callArguments.append(name)
            case .pointer: callArguments.append("UInt(bitPattern: \(name))")
            default: callArguments.append(name)
            }
        }
        helper += "\(indent)\(cFunction)(\(callArguments.joined(separator: ", ")))\n"
        for _ in 0..<closes {
            indent.removeLast(4)
            helper += "\(indent)}\n"
        }
        return helper + "}\n"
    }
}
