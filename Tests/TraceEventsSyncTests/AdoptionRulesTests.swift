import Testing
import TraceEventsGeneratorCore

@Suite struct AdoptionRulesTests {
    @Test func toolsVersionNeedsTheFeatureAnd6_3() {
        let good = "// swift-tools-version: 6.3;(experimentalCGen)\nimport PackageDescription\n"
        #expect(AdoptionRules.checkToolsVersion(manifest: good, path: "P") == nil)
        #expect(AdoptionRules.checkToolsVersion(manifest: "// swift-tools-version:6.4; (experimentalCGen)\n", path: "P") == nil)
        let missing = AdoptionRules.checkToolsVersion(manifest: "// swift-tools-version: 6.3\n", path: "P")
        #expect(missing?.description.hasPrefix("P:1:1: error: ") == true)
        #expect(missing?.fix == "change line 1 to: // swift-tools-version: 6.3;(experimentalCGen)")
        // An older version is raised to the first that has the feature; a newer one is kept.
        #expect(AdoptionRules.checkToolsVersion(manifest: "// swift-tools-version:5.9\n", path: "P")?.fix
            == "change line 1 to: // swift-tools-version: 6.3;(experimentalCGen)")
        #expect(AdoptionRules.checkToolsVersion(manifest: "// swift-tools-version: 6.2;(experimentalCGen)\n", path: "P") != nil)
        #expect(AdoptionRules.requiredToolsVersionLine(manifest: "// swift-tools-version: 6.4.1\n") == "// swift-tools-version: 6.4.1;(experimentalCGen)")
    }

    @Test func lttngSettingsMustUseTheTraitNamedLTTng() {
        let manifest = """
            // swift-tools-version: 6.3;(experimentalCGen)
            let package = Package(
                traits: [.trait(name: "Tracing"), .default(enabledTraits: [])],
                dependencies: [.package(name: "swift-trace-events", path: "../x", traits: [.trait(name: "LTTng", condition: .when(traits: ["Tracing"]))])],
                targets: [
                    .target(name: "ATracepoints",
                        cSettings: [.define("STE_LTTNG", .when(traits: ["Tracing"]))],
                        linkerSettings: [.linkedLibrary("lttng-ust", .when(traits: ["LTTng"]))]),
                ]
            )
            """
        let findings = AdoptionRules.checkTraitNames(manifest: manifest, path: "P")
        #expect(findings.map(\.line) == [7])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.fix == "change line 7 to: cSettings: [.define(\"STE_LTTNG\", .when(traits: [\"LTTng\"]))], (and rename the trait on line 3: .trait(name: \"LTTng\"))")
        // Unconditional settings (a package that always records) break no rule.
        #expect(AdoptionRules.checkTraitNames(manifest: "cSettings: [.define(\"STE_LTTNG\")],\n", path: "P").isEmpty)
    }

    @Test func umbrellaHeaderMustIncludeTheGeneratedHeader() {
        #expect(AdoptionRules.checkUmbrellaHeader(cTarget: "ATracepoints", path: "h", text: "#include \"ATracepoints_generated.h\"\n") == nil)
        #expect(AdoptionRules.checkUmbrellaHeader(cTarget: "ATracepoints", path: "h", text: "// nothing\n")?.fix
            == "add the line: #include \"ATracepoints_generated.h\"")
        #expect(AdoptionRules.checkUmbrellaHeader(cTarget: "ATracepoints", path: "h", text: nil)?.fix
            == "create h with the line: #include \"ATracepoints_generated.h\"")
    }

    @Test func swiftTargetWithoutCTargetPointsAtItsDeclaration() {
        let manifest = "let package = Package(\n  targets: [\n    .target(name: \"A\"),\n  ]\n)\n"
        let finding = AdoptionRules.missingTracepointsTarget(swiftTarget: "A", existing: true, manifest: manifest, path: "P")
        #expect(finding.line == 3)
        #expect(finding.fix == "add \"ATracepoints\" to the dependencies of target 'A'")
        #expect(AdoptionRules.missingTracepointsTarget(swiftTarget: "A", existing: false, manifest: manifest, path: "P").fix
            .contains("swift-tracetool init --target A"))
    }
}
