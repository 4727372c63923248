/// What `swift-tracetool init` adds to a package so that one of its Swift targets calls trace events: the
/// starter `trace-events`, the C tracepoints target's two files, and a block appended to `Package.swift`.
///
/// The manifest is changed by appending statements after `let package = Package(...)` (the `package`
/// value's properties are mutable), never by rewriting what is there, so every other byte stays as it was;
/// only the tools-version line changes when it lacks `;(experimentalCGen)` (``AdoptionRules``).
public struct PackageSetup: Sendable {
    /// The Swift target that will call the events.
    public var swiftTarget: String
    /// How the manifest names the swift-trace-events dependency.
    public var dependency: Dependency
    /// Whether the package already declares a trait named `LTTng`.
    public var hasLTTngTrait: Bool
    /// Whether the package already depends on swift-trace-events.
    public var hasDependency: Bool

    /// Where swift-trace-events comes from.
    public enum Dependency: Sendable, Hashable {
        /// A local checkout, as written in the manifest (relative to the package or absolute).
        case path(String)
        /// A git URL and the lowest version.
        case url(String, from: String)
    }

    /// Creates a setup.
    public init(swiftTarget: String, dependency: Dependency, hasLTTngTrait: Bool = false, hasDependency: Bool = false) {
        self.swiftTarget = swiftTarget
        self.dependency = dependency
        self.hasLTTngTrait = hasLTTngTrait
        self.hasDependency = hasDependency
    }

    /// The line that starts the appended block; its presence means init already ran.
    public static let marker = "// MARK: Trace events (added by `swift-tracetool init`)"

    /// The C target's name.
    public var cTarget: String { "\(swiftTarget)Tracepoints" }
    /// The group (and LTTng provider) the C target's name gives.
    public var group: String { GenerationNames.derivedGroup(fromTarget: cTarget) }
    /// The starter event.
    public var starterEvent: String { "\(group)_hello" }

    /// The starter `trace-events` file.
    public var traceEventsText: String {
        """
        # Trace events of \(swiftTarget), in QEMU's trace-events format: NAME(C ARGUMENTS) "PRINTF FORMAT".
        # Each line becomes a Swift function trace_NAME(...) (TraceEventsPlugin); turn events on at run time with
        # TRACE_EVENTS='\(group)_*' or record them with LTTng (build with --traits LTTng).

        # \(swiftTarget)
        \(starterEvent)(const char *who) "hello %s"

        """
    }

    /// The relative paths and texts of the C target's files.
    public var cTargetFiles: [(path: String, text: String)] {
        [
            ("Sources/\(cTarget)/\(cTarget).c",
             "/* SwiftPM needs one checked-in source; TraceEventsPlugin generates the tracepoint provider. */\n"
                + "typedef int \(group)_tracepoints_placeholder;\n"),
            ("Sources/\(cTarget)/include/\(cTarget).h",
             "/* \(swiftTarget)'s tracepoints: the header TraceEventsPlugin generates from trace-events. */\n"
                + AdoptionRules.umbrellaInclude(forCTarget: cTarget) + "\n"),
        ]
    }

    /// The `.package(...)` line.
    public var dependencyLine: String {
        let traits = "traits: [.trait(name: \"LTTng\", condition: .when(traits: [\"LTTng\"]))]"
        switch dependency {
        case .path(let path):
            // A path dependency is named after its last path component unless `name:` says otherwise.
            let last = path.split(separator: "/").last.map(String.init) ?? path
            let name = last == "swift-trace-events" ? "" : "name: \"swift-trace-events\", "
            return ".package(\(name)path: \"\(path)\", \(traits))"
        case .url(let url, let version):
            return ".package(url: \"\(url)\", from: \"\(version)\", \(traits))"
        }
    }

    /// The block appended to `Package.swift`.
    public var manifestBlock: String {
        let plugin = ".plugin(name: \"TraceEventsPlugin\", package: \"swift-trace-events\")"
        let runtime = ".product(name: \"TraceEvents\", package: \"swift-trace-events\")"
        var lines = ["", Self.marker, "// One trace-events file at the package root feeds \(cTarget) (C tracepoints) and \(swiftTarget) (trace_ functions)."]
        if !hasLTTngTrait {
            lines += [
                "// The trait must be named exactly \"LTTng\": generated Swift records under `#if LTTng`.",
                "package.traits.insert(.trait(name: \"LTTng\", description: \"Record trace events with LTTng-UST (needs liblttng-ust-dev).\"))",
                "if !package.traits.contains(where: { $0.name == \"default\" }) { package.traits.insert(.default(enabledTraits: [])) }",
            ]
        }
        if !hasDependency {
            lines += ["package.dependencies.append(", "    \(dependencyLine)", ")"]
        }
        lines += [
            "package.targets.append(",
            "    .target(",
            "        name: \"\(cTarget)\",",
            "        dependencies: [\(runtime)],",
            "        cSettings: [.define(\"STE_LTTNG\", .when(traits: [\"LTTng\"]))],",
            "        linkerSettings: [.linkedLibrary(\"lttng-ust\", .when(traits: [\"LTTng\"]))],",
            "        plugins: [\(plugin)]",
            "    )",
            ")",
            "for target in package.targets where target.name == \"\(swiftTarget)\" {",
            "    target.dependencies += [\(runtime), \"\(cTarget)\"]",
            "    target.plugins = (target.plugins ?? []) + [\(plugin)]",
            "}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why a manifest cannot be edited by appending, or nil when it can: the block needs the top-level
    /// `let package = Package(` (or `var`) that `swift package init` writes.
    public static func refusal(manifest: String) -> String? {
        let declarations = manifest.split(separator: "\n").filter {
            ($0.hasPrefix("let package = Package(") || $0.hasPrefix("var package = Package("))
        }
        if declarations.count != 1 {
            return "Package.swift has no top-level `let package = Package(` line to append to"
        }
        return nil
    }

    /// The manifest with the block appended and the tools-version line fixed.
    public func editedManifest(_ manifest: String) -> String {
        var text = manifest
        if AdoptionRules.checkToolsVersion(manifest: manifest, path: "") != nil {
            let line = AdoptionRules.requiredToolsVersionLine(manifest: manifest)
            if AdoptionRules.toolsVersion(in: manifest) != nil, let newline = text.firstIndex(of: "\n") {
                text = line + text[newline...]
            } else {
                text = line + "\n" + text
            }
        }
        if !text.hasSuffix("\n") { text += "\n" }
        return text + manifestBlock
    }
}
