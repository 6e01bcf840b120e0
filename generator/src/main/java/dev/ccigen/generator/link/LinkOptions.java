package dev.ccigen.generator.link;

import java.util.List;
import java.util.Map;

/**
 * How to link: the Java names to start from and what to keep.
 *
 * @param includeGroups  groups or group-versions to keep ({@code apps}, {@code batch/v1beta1}; {@code core} is
 *                       the core group); empty keeps all
 * @param excludeGroups  groups or group-versions to leave out; wins over include
 * @param strict         a listed resource without schema or paths, or a granted verb without an operation,
 *                       is an error instead of a warning
 * @param inlineRuntime  the runtime's sources are written into {@code <basePackage>.runtime} (and the test server's
 *                       generic part into {@code <basePackage>.testserver}) instead of the generated code using the
 *                       {@code ccigen-runtime} and {@code ccigen-test-server} libraries
 */
public record LinkOptions(
        String basePackage,
        String clientName,
        List<String> includeGroups,
        List<String> excludeGroups,
        boolean strict,
        Map<String, String> properties,
        boolean inlineRuntime) {

    /** The package of the {@code ccigen-runtime} library, which generated code uses unless the runtime is inline. */
    public static final String LIBRARY_RUNTIME_PACKAGE = "dev.ccigen.runtime";
    /** The package of the {@code ccigen-test-server} library, likewise. */
    public static final String LIBRARY_TEST_SERVER_PACKAGE = "dev.ccigen.testserver";

    public LinkOptions {
        includeGroups = List.copyOf(includeGroups);
        excludeGroups = List.copyOf(excludeGroups);
        properties = Map.copyOf(properties);
    }

    /** Options that use the runtime library. */
    public LinkOptions(
            String basePackage,
            String clientName,
            List<String> includeGroups,
            List<String> excludeGroups,
            boolean strict,
            Map<String, String> properties) {
        this(basePackage, clientName, includeGroups, excludeGroups, strict, properties, false);
    }

    public static LinkOptions defaults(String basePackage) {
        return new LinkOptions(basePackage, "ApiClient", List.of(), List.of(), false, Map.of());
    }

    /** The same options, with the runtime written inline ({@code true}) or used as a library. */
    public LinkOptions withInlineRuntime(boolean inline) {
        return new LinkOptions(basePackage, clientName, includeGroups, excludeGroups, strict, properties, inline);
    }

    String modelPackage() {
        return basePackage + ".model";
    }

    String apiPackage() {
        return basePackage + ".api";
    }

    String runtimePackage() {
        return inlineRuntime ? basePackage + ".runtime" : LIBRARY_RUNTIME_PACKAGE;
    }

    boolean includes(String group, String version) {
        return includes(includeGroups, excludeGroups, group, version);
    }

    /**
     * Whether {@code includeGroups} and {@code excludeGroups} keep this group-version ({@code group} is "" for the core
     * group): what is generated, and what {@code ccigen:fetch} fetches.
     */
    public static boolean includes(
            List<String> includeGroups, List<String> excludeGroups, String group, String version) {
        return (includeGroups.isEmpty() || matches(includeGroups, group, version))
                && !matches(excludeGroups, group, version);
    }

    /** Whether any version of {@code group} is kept (for the group's own discovery endpoint). */
    boolean includesGroup(String group) {
        String g = group.isEmpty() ? "core" : group;
        boolean included =
                includeGroups.isEmpty() || includeGroups.stream().anyMatch(f -> f.equals(g) || f.startsWith(g + "/"));
        return included && !excludeGroups.contains(g);
    }

    private static boolean matches(List<String> filters, String group, String version) {
        for (String f : filters) {
            if (selects(f, group, version)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the filter {@code f} ({@code apps}, {@code apps/v1}, {@code core}, {@code v1}) names this group-version. */
    public static boolean selects(String f, String group, String version) {
        String g = group.isEmpty() ? "core" : group;
        return f.equals(g) || f.equals(g + "/" + version) || (group.isEmpty() && f.equals(version));
    }
}
