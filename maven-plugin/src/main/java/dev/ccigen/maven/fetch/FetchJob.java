package dev.ccigen.maven.fetch;

import dev.ccigen.runtime.ClientBuilder;
import dev.ccigen.runtime.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One fetch: the service, how to authenticate, where the files go. Fetches and checks everything first; then either
 * compares only (the drift check) or writes the whole set at once, and only when it differs from the files.
 *
 * @param caCertificates a PEM bundle of the CAs to trust instead of the JDK's, or null
 * @param document       the document's file, or null to fetch the CustomResourceDefinitions alone
 * @param folder         the listings folder, or null to fetch the document alone
 * @param crdFolder      the folder of CustomResourceDefinitions (one file each), or null to fetch none
 */
public record FetchJob(
        URI endpoint,
        Authentication authentication,
        Path caCertificates,
        Path document,
        Path folder,
        List<String> includeGroups,
        List<String> excludeGroups,
        Path crdFolder) {

    /**
     * What happened.
     *
     * @param fetched what the service serves (empty when only its CRDs were fetched)
     * @param diff    how it differs from the files as they were
     * @param written whether the files were replaced
     * @param crds    the CustomResourceDefinitions it serves, of the groups kept
     * @param crdChanges how they differ from the CRD folder's files ({@link Crds#changesFrom})
     */
    public record Result(ListingSet fetched, SetDiff diff, boolean written, Crds crds, List<String> crdChanges) {
        /** Every difference, the document's and listings' first. */
        public List<String> changes() {
            List<String> all = new java.util.ArrayList<>(diff.lines());
            all.addAll(crdChanges);
            return all;
        }
    }

    /**
     * @param check compare only: write nothing
     * @throws FetchException when the service cannot be read, or answers something that is not what was asked
     * @throws IOException    when the files cannot be read or written (the previous ones are then as they were)
     */
    public Result run(boolean check) throws FetchException, IOException {
        ListingSet fetched = new ListingSet(null, new java.util.TreeMap<>());
        Crds crds = Crds.NONE;
        try (Transport transport = transport()) {
            ServiceFetcher fetcher = new ServiceFetcher(transport, authentication, includeGroups, excludeGroups);
            if (document != null) {
                fetched = fetcher.fetch(folder != null);
            }
            if (crdFolder != null) {
                crds = new Crds(fetcher.customResourceDefinitions(document == null));
            }
        }
        SetDiff diff = new SetDiff(document == null ? fetched : ListingSet.read(document, folder), fetched);
        List<String> crdChanges = crds.changesFrom(Crds.read(crdFolder));
        if (!check && !diff.isEmpty()) {
            SetWriter.write(fetched, document, folder);
        }
        if (!check && !crdChanges.isEmpty()) {
            SetWriter.writeFolder(crds.files(), crdFolder);
        }
        return new Result(fetched, diff, !check && !(diff.isEmpty() && crdChanges.isEmpty()), crds, crdChanges);
    }

    private Transport transport() throws FetchException {
        if (caCertificates != null && !Files.isRegularFile(caCertificates)) {
            throw new FetchException("caCertificates " + caCertificates + " is not a file");
        }
        ClientBuilder<Transport> builder = new ClientBuilder<>(Function.identity())
                .endpoint(endpoint)
                .userAgent("ccigen-fetch")
                .maxRetries(2)
                .requestTimeout(Duration.ofMinutes(2)) // a large cluster's document is tens of megabytes
                .caCertificates(caCertificates);
        authentication.configuration().accept(builder);
        try {
            return builder.buildTransport();
        } catch (RuntimeException e) { // the builder's own checks (a CA bundle that is not PEM, a mix of schemes)
            throw new FetchException("cannot set up the connection to " + endpoint + ": " + e.getMessage());
        }
    }
}
