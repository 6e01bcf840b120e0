package dev.ccigen.maven;

import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The up-to-date logic of the generate goal, as maven-shared-incremental is the compiler plugin's: whether a
 * generation is needed, and the record of the one done. Plain values only (no Maven API), so a test runs it alone.
 *
 * <p>Each execution keeps three files in the plugin's work folder: {@code <id>.checksum}, a checksum of everything the
 * output depends on ({@link Fingerprint#contents()}); {@code <id>.inputs}, the same inputs' sizes and times, the cheap
 * first check; {@code <id>.outputs}, the output folders' shape as the run left them. Up to date means: the output
 * folders are as the last run left them, and the inputs are the same (by sizes and times, else by content: a touched
 * file is no change). Call {@link #upToDate()} first, then, when it says no, {@link #generate}.
 */
final class IncrementalBuild {
    /** The plugin as Maven resolved it: its id, and its jars ({@code snapshot}: a SNAPSHOT's file, whose bytes count). */
    record Plugin(String id, List<Jar> jars) {}

    /** @param snapshot the file of a SNAPSHOT artifact, else null (a release is known by its id) */
    record Jar(String id, Path snapshot) {}

    /** Where things are: the project's folder, its build folder, the top of the build (for messages), the stamps. */
    record Folders(Path basedir, Path buildDirectory, Path top, Path work) {}

    /** Where the build says what it found (the goal's log). */
    interface Log {
        void info(String line);

        boolean isDebugEnabled();

        void debug(String line);
    }

    private final Plugin plugin;
    private final InputSpec spec;
    private final GeneratorConfig config;
    private final Folders folders;
    private final Log log;
    private final Path stamp;
    private final Path listing;
    private final Path manifest;
    /** The inputs' sizes and times, once {@link #upToDate()} has looked. */
    private String quick;
    /** The inputs' checksum, when {@link #upToDate()} had to compute it. */
    private String hash;

    IncrementalBuild(
            String executionId, Plugin plugin, InputSpec spec, GeneratorConfig config, Folders folders, Log log) {
        this.plugin = plugin;
        this.spec = spec;
        this.config = config;
        this.folders = folders;
        this.log = log;
        this.stamp = folders.work().resolve(executionId + ".checksum");
        this.listing = folders.work().resolve(executionId + ".inputs");
        this.manifest = folders.work().resolve(executionId + ".outputs");
    }

    /**
     * Whether the output is as the last run with the same inputs left it. Same sizes and times: up to date without
     * reading a byte; else the contents decide.
     *
     * @throws IOException the inputs cannot be read
     */
    boolean upToDate() throws IOException {
        String previousHash = read(stamp);
        OutputListing outputs = previousHash == null ? null : OutputListing.start(config);
        quick = fingerprint(false).trim();
        if (outputs != null && outputAsLeft(outputs)) {
            boolean sameListing = quick.equals(read(listing));
            hash = sameListing ? previousHash : fingerprint(true);
            if (hash.equals(previousHash)) {
                if (!sameListing) {
                    write(listing, quick);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Generates, and records what for: on a first run the contents' checksum (plugin jars included) is made on another
     * core while the engine works. No stamp is left while the output is being replaced.
     *
     * @throws IOException the inputs cannot be read or the stamps written
     */
    GenerationResult generate(Generator generator) throws IOException {
        String known = hash;
        CompletableFuture<String> hashing = known != null
                ? CompletableFuture.completedFuture(known)
                : CompletableFuture.supplyAsync(() -> {
                    try {
                        return fingerprint(true);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        try {
            Files.deleteIfExists(stamp);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        GenerationResult result = generator.generate(config);
        hash = awaitHash(hashing);
        try {
            Files.createDirectories(stamp.getParent());
            Files.writeString(stamp, hash + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        write(listing, quick);
        write(manifest, outputs(config));
        return result;
    }

    private IOException cannotWrite(IOException e) {
        return new IOException("cannot write " + stamp + ": " + e.getMessage(), e);
    }

    private static String awaitHash(CompletableFuture<String> hashing) throws IOException {
        try {
            return hashing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
    }

    /**
     * Everything the output depends on: the plugin (and, for snapshots, the bytes of its jars), the configuration, the
     * document's folder (so files it {@code $ref}s count), the listings, the CustomResourceDefinitions and the template
     * overrides.
     *
     * @param contents a checksum of the contents; else the listing of sizes and times
     */
    String fingerprint(boolean contents) throws IOException {
        long start = System.nanoTime();
        Fingerprint f = contents ? Fingerprint.contents() : Fingerprint.metadata();
        Path buildDir = folders.buildDirectory().toAbsolutePath().normalize();
        Path basedir = folders.basedir().toAbsolutePath().normalize();
        try {
            f.value("plugin", plugin.id());
            for (Jar a : plugin.jars()) {
                f.value("artifact", a.id());
                if (a.snapshot() != null) {
                    f.jar("artifact.file", a.snapshot());
                }
            }
            f.value("output", config.outputDirectory())
                    .value("testOutput", config.testOutputDirectory())
                    .value("discoveryPath", config.discovery())
                    .value("templatesPath", config.templateDirectory())
                    .value("basePackage", config.link().basePackage())
                    .value("clientName", config.link().clientName())
                    .value("include", config.link().includeGroups())
                    .value("exclude", config.link().excludeGroups())
                    .value("strict", config.link().strict())
                    .value("inlineRuntime", config.link().inlineRuntime())
                    .values("property", config.link().properties());
            if (!spec.present()) {
                f.value("spec", "none");
            } else if (spec.fromClasspath()) {
                f.bytes("spec", spec.resource());
            } else {
                Path folder = spec.file().getParent();
                f.value("spec.name", spec.file().getFileName());
                // The document's whole folder, unless it is the project folder (or above it): then the file alone.
                f.tree("spec", basedir.startsWith(folder) ? spec.file() : folder, Set.of(buildDir));
            }
            f.tree("discovery", config.discovery(), Set.of());
            if (config.crds() != null) { // absent, the fingerprint is the one of builds before CRDs were an input
                f.value("crdsPath", config.crds()).tree("crds", config.crds(), Set.of());
            }
            f.tree("templates", config.templateDirectory(), Set.of());
        } catch (IOException e) {
            throw new IOException("cannot read the inputs: " + e.getMessage(), e);
        }
        String result = f.result();
        if (log.isDebugEnabled()) {
            log.debug("ccigen: " + (contents ? "content hash " + result : "size and time listing") + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        return result;
    }

    /**
     * Whether the output folder holds exactly what the last generation left: the same files with the same sizes and
     * modification times, in the same folders (no byte is read). A file deleted, added, edited or touched means
     * generating again.
     */
    private boolean outputAsLeft(OutputListing outputs) throws InterruptedIOException {
        String previous = read(manifest);
        String now = outputs.await();
        if (log.isDebugEnabled()) {
            log.debug("ccigen: output listing in " + outputs.millis + " ms");
        }
        if (previous != null && previous.equals(now)) {
            return true;
        }
        if (now != null) {
            log.info("ccigen: " + display(config.outputDirectory())
                    + " is not as the last run left it: generating again");
        }
        return false;
    }

    /** A path relative to the top of the build when it is inside it, else absolute. */
    String display(Path path) {
        Path root = folders.top().toAbsolutePath().normalize();
        return path.startsWith(root) && !path.equals(root)
                ? root.relativize(path).toString()
                : path.toString();
    }

    /**
     * The output folders' files and folders with their sizes and times ({@link Fingerprint#outputs}): the main one, and
     * the test server's when there is one; null when one of them is missing.
     */
    private static String outputs(GeneratorConfig config) {
        Path tests = config.testOutputDirectory();
        if (!Files.isDirectory(config.outputDirectory()) || (tests != null && !Files.isDirectory(tests))) {
            return null;
        }
        String main = Fingerprint.outputs(config.outputDirectory());
        return tests == null ? main : main + "; test server: " + Fingerprint.outputs(tests);
    }

    /** The {@link #outputs} listing, made on another core while this one lists the inputs. */
    private static final class OutputListing implements Runnable {
        private final GeneratorConfig config;
        private final Thread thread;
        private volatile String result;
        private volatile long millis;

        private OutputListing(GeneratorConfig config) {
            this.config = config;
            this.thread = new Thread(this, "ccigen-output-listing");
            thread.setDaemon(true);
        }

        /** A listing being made on a thread of its own. */
        static OutputListing start(GeneratorConfig config) {
            OutputListing listing = new OutputListing(config);
            listing.thread.start();
            return listing;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            result = outputs(config);
            millis = (System.nanoTime() - start) / 1_000_000;
        }

        /** The listing; null when there is no output folder. */
        String await() throws InterruptedIOException {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            return result;
        }
    }

    /** A stamp's text: the checksum of the inputs' contents, or the listing of their sizes and times; null if none. */
    private static String read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).trim()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Best effort: without the listing, the next run only falls back on the content hash. */
    private void write(Path file, String text) {
        if (text == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.trim() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.debug("ccigen: cannot write " + file + ": " + e.getMessage());
        }
    }
}
