package dev.ccigen.maven.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.runtime.ApiException;
import dev.ccigen.runtime.IamAuthenticationException;
import dev.ccigen.runtime.Request;
import dev.ccigen.runtime.Transport;
import dev.ccigen.runtime.TransportException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP stage: {@code GET /openapi/v2}, then every listing reachable from {@code /api} and {@code /apis} that
 * {@code includeGroups}/{@code excludeGroups} keep, each checked ({@link Listing}). The group lists ({@code /api},
 * {@code /apis}, {@code /apis/<group>}) are kept to the group-versions fetched, so that {@code generate} finds a
 * resource list for every version they announce. Resource lists are fetched a few at a time.
 */
public final class ServiceFetcher {
    private static final int PARALLEL = 4;

    private final Transport transport;
    private final Authentication authentication;
    private final List<String> includeGroups;
    private final List<String> excludeGroups;

    public ServiceFetcher(
            Transport transport,
            Authentication authentication,
            List<String> includeGroups,
            List<String> excludeGroups) {
        this.transport = transport;
        this.authentication = authentication;
        this.includeGroups = List.copyOf(includeGroups);
        this.excludeGroups = List.copyOf(excludeGroups);
    }

    /** @param listings whether to fetch the listings too (else the document alone) */
    public ListingSet fetch(boolean listings) throws FetchException {
        Listing document = get(Listing.DOCUMENT_PATH);
        if (!listings) {
            return ListingSet.of(document, List.of());
        }
        List<Listing> result = new ArrayList<>();
        Map<String, List<String>> served = new LinkedHashMap<>(); // group ("" = core) -> versions
        List<String> paths = new ArrayList<>();

        result.add(core(served, paths));
        result.add(groups(served, paths));
        checkFilters(served);

        for (Listing l : getAll(paths)) {
            if (l.expectedKind().equals("APIGroup")) { // announces what /apis does: the versions kept
                ObjectNode group = (ObjectNode) l.body().deepCopy();
                String name = group.path("name").asText();
                keep(
                        group.withArray("versions"),
                        v -> LinkOptions.includes(
                                includeGroups,
                                excludeGroups,
                                name,
                                v.path("version").asText()));
                l = new Listing(l.path(), group);
            }
            result.add(l);
        }
        return ListingSet.of(document, result);
    }

    /** {@code /api}, with the core versions the filters keep; each one's path added to {@code paths}. */
    private Listing core(Map<String, List<String>> served, List<String> paths) throws FetchException {
        ObjectNode api = (ObjectNode) get("/api").body().deepCopy();
        ArrayNode coreVersions = api.withArray("versions");
        served.put("", texts(coreVersions));
        keep(coreVersions, v -> LinkOptions.includes(includeGroups, excludeGroups, "", v.asText()));
        coreVersions.forEach(v -> paths.add("/api/" + v.asText()));
        return new Listing("/api", api);
    }

    /** {@code /apis}, with the groups and versions the filters keep; each group's and version's path added. */
    private Listing groups(Map<String, List<String>> served, List<String> paths) throws FetchException {
        ObjectNode apis = (ObjectNode) get("/apis").body().deepCopy();
        ArrayNode groups = apis.withArray("groups");
        List<ObjectNode> keptGroups = new ArrayList<>();
        for (JsonNode g : groups) {
            String name = g.path("name").asText();
            ArrayNode versions = ((ObjectNode) g).withArray("versions");
            List<String> all = new ArrayList<>();
            versions.forEach(v -> all.add(v.path("version").asText()));
            served.put(name, all);
            keep(
                    versions,
                    v -> LinkOptions.includes(
                            includeGroups,
                            excludeGroups,
                            name,
                            v.path("version").asText()));
            if (!versions.isEmpty()) {
                keptGroups.add((ObjectNode) g);
                paths.add("/apis/" + name);
                versions.forEach(
                        v -> paths.add("/apis/" + name + "/" + v.path("version").asText()));
            }
        }
        groups.removeAll();
        keptGroups.forEach(groups::add);
        return new Listing("/apis", apis);
    }

    /** An include filter that names nothing the service serves is a mistake: say what it serves. */
    private void checkFilters(Map<String, List<String>> served) throws FetchException {
        for (String filter : includeGroups) {
            boolean found = false;
            for (Map.Entry<String, List<String>> g : served.entrySet()) {
                for (String version : g.getValue()) {
                    found |= LinkOptions.selects(filter, g.getKey(), version);
                }
            }
            if (!found) {
                TreeSet<String> names = new TreeSet<>();
                served.keySet().forEach(g -> names.add(g.isEmpty() ? "core" : g));
                throw new FetchException("includeGroups names \"" + filter + "\", which " + transport.endpoint()
                        + " does not serve; it serves the groups " + String.join(", ", names));
            }
        }
    }

    private List<Listing> getAll(List<String> paths) throws FetchException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, paths.size())), r -> {
            Thread t = new Thread(r, "ccigen-fetch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Listing>> futures = new ArrayList<>();
            for (String path : paths) {
                futures.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return get(path);
                            } catch (FetchException e) {
                                throw new CompletionException(e);
                            }
                        },
                        pool));
            }
            List<Listing> listings = new ArrayList<>();
            for (CompletableFuture<Listing> f : futures) {
                try {
                    listings.add(f.join());
                } catch (CompletionException e) {
                    if (e.getCause() instanceof FetchException fetch) {
                        throw fetch;
                    }
                    throw e;
                }
            }
            return listings;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One checked response; every failure as a message naming the request (and, for a 401, the scheme). */
    Listing get(String path) throws FetchException {
        String where = "GET " + transport.endpoint().toString().replaceAll("/+$", "") + path;
        return Listing.parse(path, body(Request.builder("GET", path), path, where), where);
    }

    /** The body of a GET; every failure as a message naming the request (and, for a 401, the scheme). */
    private byte[] body(Request.Builder request, String path, String where) throws FetchException {
        try {
            return transport
                    .text(request.header("Accept", "application/json").build())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (TransportException e) {
            throw new FetchException("cannot reach the service: " + e.getMessage());
        } catch (IamAuthenticationException e) {
            throw new FetchException("the " + authentication.description() + " was not issued: " + e.getMessage());
        } catch (ApiException e) {
            String hint = switch (e.statusCode()) {
                case 401 -> ": the service did not accept the " + authentication.description();
                case 403 -> ": the " + authentication.description() + " is not allowed to read this";
                case 404 ->
                    path.equals("/api") || path.equals("/apis")
                            ? ": no API-groups listings there (a plain OpenAPI service? then leave discoveryDirectory unset)"
                            : path.equals(CRDS)
                                    ? ": the service serves no CustomResourceDefinitions (apiextensions.k8s.io/v1)"
                                    : "";
                default -> "";
            };
            throw new FetchException(where + " answered " + e.getMessage() + hint);
        }
    }

    /** Where a cluster lists its CustomResourceDefinitions. */
    static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    /**
     * The service's CustomResourceDefinitions of the groups {@code includeGroups}/{@code excludeGroups} keep (one of
     * its served versions kept keeps it), as the manifests a project publishes ({@link Crds#manifest}), by file name
     * ({@code jobs.batch.volcano.sh.json}). Read page by page.
     *
     * @param alone only the CRDs are fetched: an include filter that names no CRD's group is then a mistake
     */
    public java.util.SortedMap<String, JsonNode> customResourceDefinitions(boolean alone) throws FetchException {
        java.util.SortedMap<String, JsonNode> crds = new java.util.TreeMap<>();
        TreeSet<String> groups = new TreeSet<>();
        String next = "";
        do {
            Request.Builder request = Request.builder("GET", CRDS).query("limit", "500");
            if (!next.isEmpty()) {
                request.query("continue", next);
            }
            String where = "GET " + transport.endpoint().toString().replaceAll("/+$", "") + CRDS;
            JsonNode list = Crds.list(body(request, CRDS, where), where);
            for (JsonNode crd : list.path("items")) {
                String group = crd.path("spec").path("group").asText();
                groups.add(group);
                if (Crds.kept(crd, includeGroups, excludeGroups)) {
                    crds.put(crd.path("metadata").path("name").asText() + ".json", Crds.manifest(crd));
                }
            }
            next = list.path("metadata").path("continue").asText("");
        } while (!next.isEmpty());
        for (String filter : alone ? includeGroups : List.<String>of()) {
            String group = filter.contains("/") ? filter.substring(0, filter.indexOf('/')) : filter;
            if (!groups.contains(group)) {
                throw new FetchException("includeGroups names \"" + filter + "\", of which " + transport.endpoint()
                        + " serves no CustomResourceDefinition; its CRDs' groups are " + String.join(", ", groups));
            }
        }
        return crds;
    }

    private static List<String> texts(ArrayNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    private static void keep(ArrayNode array, java.util.function.Predicate<JsonNode> keep) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (!keep.test(array.get(i))) {
                array.remove(i);
            }
        }
    }
}
