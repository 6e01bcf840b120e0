package dev.ccigen.maven.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.read.DiscoveryReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The OpenAPI v2 document and the API-groups listings of one service: fetched, or as the previous fetch (or a hand)
 * left them on disk. The listings are keyed by file name, in the layout {@code generate} reads.
 *
 * @param document the document, or null when there is none
 * @param listings file name (e.g. {@code apis__apps__v1.json}) to listing
 */
public record ListingSet(JsonNode document, SortedMap<String, JsonNode> listings) {

    public ListingSet {
        listings = Collections.unmodifiableSortedMap(new TreeMap<>(listings));
    }

    /** The set of checked responses. */
    static ListingSet of(Listing document, List<Listing> listings) {
        SortedMap<String, JsonNode> byFile = new TreeMap<>();
        for (Listing l : listings) {
            byFile.put(l.fileName(), l.body());
        }
        return new ListingSet(document.body(), byFile);
    }

    /**
     * What is on disk: the document file and the {@code *.json} files of the listings folder; a missing file or
     * folder is an empty part, a file that is not JSON is left out (it is replaced by what is fetched).
     *
     * @param folder the listings folder, or null when listings are not kept
     */
    public static ListingSet read(Path document, Path folder) throws IOException {
        SortedMap<String, JsonNode> listings = new TreeMap<>();
        if (folder != null && Files.isDirectory(folder)) {
            for (Path file : jsonFiles(folder)) {
                JsonNode node = readJson(file);
                if (node != null) {
                    listings.put(file.getFileName().toString(), node);
                }
            }
        }
        return new ListingSet(Files.isRegularFile(document) ? readJson(document) : null, listings);
    }

    /** The {@code *.json} files of {@code folder}, by name. */
    static List<Path> jsonFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return CanonicalJson.JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return null;
        }
    }

    public boolean isEmpty() {
        return document == null && listings.isEmpty();
    }

    /**
     * What the resource lists say is served: group-version ({@code v1}, {@code apps/v1}) to resource (with
     * subresources, {@code pods/log}) to its verbs, sorted.
     */
    public SortedMap<String, SortedMap<String, TreeSet<String>>> resources() {
        SortedMap<String, SortedMap<String, TreeSet<String>>> result = new TreeMap<>();
        for (var entry : listings.entrySet()) {
            JsonNode listing = entry.getValue();
            // Listings copied from documentation may lack their kind: the file name says it, as generate reads it.
            String kind = listing.path("kind").asText(DiscoveryReader.kindFromFileName(Path.of(entry.getKey())));
            if (!kind.equals("APIResourceList") || !listing.has("groupVersion")) {
                continue;
            }
            SortedMap<String, TreeSet<String>> resources = new TreeMap<>();
            for (JsonNode r : listing.path("resources")) {
                TreeSet<String> verbs = new TreeSet<>();
                r.path("verbs").forEach(v -> verbs.add(v.asText()));
                resources.put(r.path("name").asText(), verbs);
            }
            result.put(listing.get("groupVersion").asText(), resources);
        }
        return result;
    }

    /** The paths of the document, sorted (the differ names those added and removed). */
    List<String> documentPaths() {
        List<String> paths = new ArrayList<>();
        if (document != null) {
            document.path("paths").fieldNames().forEachRemaining(paths::add);
        }
        paths.sort(null);
        return paths;
    }
}
