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
 * @param document       the document's file
 * @param folder         the listings folder, or null to fetch the document alone
 */
public record FetchJob(
        URI endpoint,
        Authentication authentication,
        Path caCertificates,
        Path document,
        Path folder,
        List<String> includeGroups,
        List<String> excludeGroups) {

    /**
     * What happened.
     *
     * @param fetched what the service serves
     * @param diff    how it differs from the files as they were
     * @param written whether the files were replaced
     */
    public record Result(ListingSet fetched, SetDiff diff, boolean written) {}

    /**
     * @param check compare only: write nothing
     * @throws FetchException when the service cannot be read, or answers something that is not what was asked
     * @throws IOException    when the files cannot be read or written (the previous ones are then as they were)
     */
    public Result run(boolean check) throws FetchException, IOException {
        ListingSet fetched;
        try (Transport transport = transport()) {
            fetched = new ServiceFetcher(transport, authentication, includeGroups, excludeGroups).fetch(folder != null);
        }
        SetDiff diff = new SetDiff(ListingSet.read(document, folder), fetched);
        boolean write = !check && !diff.isEmpty();
        if (write) {
            SetWriter.write(fetched, document, folder);
        }
        return new Result(fetched, diff, write);
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
