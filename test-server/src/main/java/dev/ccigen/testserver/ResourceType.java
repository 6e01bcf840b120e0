package dev.ccigen.testserver;

import java.util.List;
import java.util.Set;

/**
 * One resource the test server serves, as the API-groups listings describe it.
 *
 * @param group           "" for the core group
 * @param plural          the path segment, e.g. {@code pods}
 * @param verbs           the verbs the listings grant
 *                        ({@code get list create update patch delete deletecollection watch})
 * @param subresources    e.g. {@code status}, {@code scale}, {@code log}
 * @param deleteAnswersStatus whether {@code delete} answers a {@code Status} (as the document declares) rather
 *                        than the object
 * @param deleteCollectionAnswersStatus whether {@code deletecollection} answers a {@code Status} rather than the list
 * @param shortNames      the listings' short names, served in discovery
 */
public record ResourceType(
        String group,
        String version,
        String plural,
        String kind,
        boolean namespaced,
        Set<String> verbs,
        Set<String> subresources,
        boolean deleteAnswersStatus,
        boolean deleteCollectionAnswersStatus,
        List<String> shortNames) {

    /** Copies the sets, so a table of these cannot change after the server starts. */
    public ResourceType {
        verbs = Set.copyOf(verbs);
        subresources = Set.copyOf(subresources);
        shortNames = List.copyOf(shortNames);
    }

    /** {@code v1} or {@code apps/v1}: the objects' {@code apiVersion}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code /api/v1} or {@code /apis/apps/v1}. */
    public String pathPrefix() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /** Whether the listings grant {@code verb}. */
    public boolean allows(String verb) {
        return verbs.contains(verb);
    }

    /** Whether the resource has a {@code status} subresource: then main writes keep the status, status writes keep the rest. */
    public boolean hasStatus() {
        return subresources.contains("status");
    }

    /** {@code pods} or {@code deployments.apps}: how Kubernetes names the resource in messages. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
