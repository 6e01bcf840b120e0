package dev.ccigen.maven.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code ccigen:fetch} does, from plain values: decide where the files go (refusing a document no execution of
 * {@code generate} reads; the CustomResourceDefinitions into the CRD folder, or only those), reach the service
 * ({@link ConnectionSettings}), run the {@link FetchJob}, and say what happened. The goal maps its parameters onto a {@link Builder} and calls {@link #run()}.
 */
public final class Fetch {
    /** generate's default inputSpec, relative to the project. */
    public static final String DEFAULT_INPUT_SPEC = "src/main/ccigen/openapi-v2.json";

    private static final String CLASSPATH = "classpath:";

    private final Path basedir;
    private final Path displayRoot;
    private final String inputSpec;
    private final Path discoveryDirectory;
    private final Path fetchDirectory;
    private final Path crdDirectory;
    private final boolean crdsOnly;
    private final Map<String, String> generateExecutions;
    private final List<String> includeGroups;
    private final List<String> excludeGroups;
    private final boolean check;
    private final ConnectionSettings connection;
    private final Consumer<String> log;

    /** A failed fetch: its message is the whole of what the user reads, and says that nothing was written. */
    public static final class FetchFailure extends Exception {
        FetchFailure(String message) {
            super(message);
        }
    }

    private Fetch(Builder b) {
        basedir = b.basedir;
        displayRoot = b.displayRoot;
        inputSpec = b.inputSpec;
        discoveryDirectory = b.discoveryDirectory;
        fetchDirectory = b.fetchDirectory;
        crdDirectory = b.crdDirectory;
        crdsOnly = b.crdsOnly;
        generateExecutions = b.generateExecutions;
        includeGroups = b.includeGroups;
        excludeGroups = b.excludeGroups;
        check = b.check;
        connection = b.connection;
        log = b.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fetches, then writes the files (or, with {@code check}, compares them), logging what it did. */
    public void run() throws FetchFailure {
        long start = System.nanoTime();
        Path crds = crdTarget();
        Path document = null;
        Path folder = null;
        if (!crdsOnly) {
            document = fetchDirectory != null ? fetchDirectory.resolve("openapi-v2.json") : documentTarget();
            if (fetchDirectory == null) {
                someGenerateReads(document);
            }
            folder = fetchDirectory != null ? fetchDirectory.resolve("discovery") : listingsTarget();
        }
        FetchJob.Result result;
        ConnectionSettings.Connection to;
        try {
            to = connection.resolve();
            result = new FetchJob(
                            to.endpoint(),
                            to.authentication(),
                            to.caCertificates(),
                            document,
                            folder,
                            includeGroups,
                            excludeGroups,
                            crds)
                    .run(check);
        } catch (FetchException e) {
            throw new FetchFailure("ccigen: fetch: " + e.getMessage() + "; nothing was written");
        } catch (IOException e) {
            throw new FetchFailure("ccigen: fetch: cannot write " + files(document, folder, crds) + ": " + e
                    + "; the previous files are as they were");
        }
        report(result, to, files(document, folder, crds), (System.nanoTime() - start) / 1_000_000);
    }

    /** Where the CustomResourceDefinitions go: crdDirectory, or {@code crds/} of fetchDirectory; null for none. */
    private Path crdTarget() throws FetchFailure {
        if (fetchDirectory != null && (crdDirectory != null || crdsOnly)) {
            return fetchDirectory.resolve("crds");
        }
        if (crdDirectory == null) {
            if (crdsOnly) {
                throw new FetchFailure("ccigen: fetch: crdsOnly fetches the CustomResourceDefinitions into"
                        + " crdDirectory, which is not set: give <crdDirectory> (-Dccigen.crdDirectory=…) or"
                        + " fetchDirectory; nothing was written");
            }
            return null;
        }
        Path folder = crdDirectory.toAbsolutePath().normalize();
        if (Files.isRegularFile(folder)) {
            throw new FetchFailure("ccigen: fetch: crdDirectory " + folder + " is a file; fetch writes a folder of"
                    + " CustomResourceDefinitions, one file each: point crdDirectory at a folder");
        }
        return folder;
    }

    /** The files written, as the summary names them. */
    private String files(Path document, Path folder, Path crds) {
        List<String> parts = new ArrayList<>();
        if (document != null) {
            parts.add(display(document));
        }
        if (folder != null) {
            parts.add("listings " + display(folder));
        }
        if (crds != null) {
            parts.add("CRDs " + display(crds));
        }
        return String.join(" + ", parts);
    }

    /** What the fetch did, or the drift the check found. */
    private void report(FetchJob.Result result, ConnectionSettings.Connection to, String files, long ms)
            throws FetchFailure {
        List<String> fetched = new ArrayList<>();
        if (result.fetched().document() != null) {
            fetched.add("document");
        }
        if (!result.fetched().listings().isEmpty()) {
            fetched.add(result.fetched().listings().size() + " listings");
        }
        if (crdsOnly || crdDirectory != null) {
            fetched.add(result.crds().files().size() + " CRDs");
        }
        String what = String.join(" + ", fetched);
        String from = to.endpoint() + " (" + to.authentication().description() + ")";
        List<String> changes = result.changes();
        if (check) {
            if (!changes.isEmpty()) {
                throw new FetchFailure("ccigen: fetch check: " + from + " differs from " + files + ":\n  "
                        + String.join("\n  ", changes)
                        + "\nrun mvn ccigen:fetch (without -Dccigen.fetch.check)"
                        + " to take the service's version");
            }
            log.accept(
                    "ccigen: fetch check: " + from + " serves what " + files + " hold (" + what + ", " + ms + " ms)");
        } else if (!result.written()) {
            log.accept("ccigen: fetched " + what + " from " + from + ": unchanged, " + files + " left as they were ("
                    + ms + " ms)");
        } else {
            log.accept("ccigen: fetched " + what + " from " + from + " into " + files + " (" + ms + " ms); changes:");
            for (String line : changes) {
                log.accept("ccigen:   " + line);
            }
        }
    }

    /**
     * Refuses a document that no execution of {@code generate} in the POM reads. generate may be configured per
     * execution (as README's first example is), and fetch would then write to its own default while generate goes on
     * reading the old file, and the drift check would compare the service with a file nobody uses.
     */
    private void someGenerateReads(Path document) throws FetchFailure {
        if (generateExecutions == null) {
            return; // run from the command line in a project that does not use the plugin: fetch's parameters decide
        }
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, String> execution : generateExecutions.entrySet()) {
            String spec = execution.getValue();
            if (!spec.startsWith(CLASSPATH)
                    && basedir.resolve(spec).toAbsolutePath().normalize().equals(document)) {
                return;
            }
            others.add("\"" + execution.getKey() + "\" reads " + spec);
        }
        if (!others.isEmpty()) {
            throw new FetchFailure("ccigen: fetch: no execution of generate reads " + document + " ("
                    + String.join(", ", others) + "): put inputSpec and discoveryDirectory in the plugin's"
                    + " <configuration>, outside the executions, so that both goals read them, or name the files with"
                    + " -Dccigen.inputSpec=… -Dccigen.discoveryDirectory=…; nothing was written");
        }
    }

    private Path documentTarget() throws FetchFailure {
        if (inputSpec.startsWith(CLASSPATH)) {
            throw new FetchFailure("ccigen: fetch: inputSpec " + inputSpec + " is a class path resource; fetch writes"
                    + " a file: point inputSpec at a .json file, or give fetchDirectory (-Dccigen.fetch.directory=…)");
        }
        Path file = basedir.resolve(inputSpec).toAbsolutePath().normalize();
        if (!file.getFileName().toString().endsWith(".json")) {
            throw new FetchFailure("ccigen: fetch: inputSpec " + file + " is not a .json file; fetch writes the"
                    + " document as JSON: point inputSpec at a .json file, or give fetchDirectory");
        }
        return file;
    }

    private Path listingsTarget() throws FetchFailure {
        if (discoveryDirectory == null) {
            return null;
        }
        Path folder = discoveryDirectory.toAbsolutePath().normalize();
        if (Files.isRegularFile(folder)) {
            throw new FetchFailure("ccigen: fetch: discoveryDirectory " + folder + " is a file (an aggregated"
                    + " discovery document); fetch writes a folder of listings: point discoveryDirectory at a folder");
        }
        return folder;
    }

    /** A path relative to the top of the build when it is inside it, else absolute. */
    private String display(Path path) {
        Path root = displayRoot.toAbsolutePath().normalize();
        return path.startsWith(root) && !path.equals(root)
                ? root.relativize(path).toString()
                : path.toString();
    }

    /** Builds a {@link Fetch}; {@code inputSpec} defaults to generate's default, the groups to all. */
    public static final class Builder {
        private Path basedir;
        private Path displayRoot;
        private String inputSpec = DEFAULT_INPUT_SPEC;
        private Path discoveryDirectory;
        private Path fetchDirectory;
        private Path crdDirectory;
        private boolean crdsOnly;
        private Map<String, String> generateExecutions;
        private List<String> includeGroups = List.of();
        private List<String> excludeGroups = List.of();
        private boolean check;
        private ConnectionSettings connection;
        private Consumer<String> log = line -> {};

        private Builder() {}

        /** The project's folder: inputSpec and generate's are relative to it. */
        public Builder basedir(Path basedir) {
            this.basedir = basedir;
            return this;
        }

        /** The top of the build: messages name the files relative to it. */
        public Builder displayRoot(Path displayRoot) {
            this.displayRoot = displayRoot;
            return this;
        }

        public Builder inputSpec(String inputSpec) {
            this.inputSpec = inputSpec;
            return this;
        }

        public Builder discoveryDirectory(Path discoveryDirectory) {
            this.discoveryDirectory = discoveryDirectory;
            return this;
        }

        public Builder fetchDirectory(Path fetchDirectory) {
            this.fetchDirectory = fetchDirectory;
            return this;
        }

        /** The folder of CustomResourceDefinitions (generate's crdDirectory): the cluster's are written there. */
        public Builder crdDirectory(Path crdDirectory) {
            this.crdDirectory = crdDirectory;
            return this;
        }

        /** Fetch only the CustomResourceDefinitions: no document, no listings. */
        public Builder crdsOnly(boolean crdsOnly) {
            this.crdsOnly = crdsOnly;
            return this;
        }

        /**
         * The POM's executions of {@code generate}, by id, each with the inputSpec it reads (as configured, relative to
         * the project); null when the POM does not use the plugin (then fetch's own parameters decide).
         */
        public Builder generateExecutions(Map<String, String> generateExecutions) {
            this.generateExecutions = generateExecutions;
            return this;
        }

        public Builder groups(List<String> includeGroups, List<String> excludeGroups) {
            this.includeGroups = List.copyOf(includeGroups);
            this.excludeGroups = List.copyOf(excludeGroups);
            return this;
        }

        /** Compare only: write nothing, and fail naming each difference. */
        public Builder check(boolean check) {
            this.check = check;
            return this;
        }

        public Builder connection(ConnectionSettings connection) {
            this.connection = connection;
            return this;
        }

        /** Where the lines saying what happened go. */
        public Builder log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        public Fetch build() {
            return new Fetch(this);
        }
    }
}
