package dev.ccigen.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where the document is read from: a file, or a {@code classpath:} resource copied to a file (the engine reads files,
 * and reports problems with a file name).
 *
 * @param file     the file the engine reads; null when there is no document (a client of CustomResourceDefinitions only)
 * @param label    how the summary names it (as the user wrote it)
 * @param resource the resource's bytes when it came from the class path, else null
 */
record InputSpec(Path file, String label, byte[] resource) {
    static final String CLASSPATH = "classpath:";

    /** No document: the CustomResourceDefinitions alone. */
    static final InputSpec NONE = new InputSpec(null, "no document", null);

    /**
     * The document {@code spec} names; {@link #NONE} when it is the default, there is no such file, and the
     * CustomResourceDefinitions of {@code crds} are given (a client of CRDs only).
     */
    static InputSpec resolve(String spec, Path basedir, Path copyFolder, ClassLoader loader, Path crds)
            throws IOException {
        Path defaultSpec = basedir.resolve("src/main/ccigen/openapi-v2.json")
                .toAbsolutePath()
                .normalize();
        if (crds != null
                && !spec.startsWith(CLASSPATH)
                && basedir.resolve(spec).toAbsolutePath().normalize().equals(defaultSpec)
                && !Files.exists(defaultSpec)) {
            return NONE;
        }
        return resolve(spec, basedir, copyFolder, loader);
    }

    boolean present() {
        return file != null;
    }

    /** @throws IllegalArgumentException if there is no such file or resource */
    static InputSpec resolve(String spec, Path basedir, Path copyFolder, ClassLoader loader) throws IOException {
        if (spec.startsWith(CLASSPATH)) {
            String name = spec.substring(CLASSPATH.length());
            while (name.startsWith("/")) {
                name = name.substring(1);
            }
            byte[] bytes;
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalArgumentException(
                            "no resource " + name + " on the plugin's class path (add the artifact that holds"
                                    + " it as a <dependency> of the plugin)");
                }
                bytes = in.readAllBytes();
            }
            Path file = copyFolder.resolve(name.substring(name.lastIndexOf('/') + 1));
            if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
                Files.createDirectories(copyFolder);
                Files.write(file, bytes);
            }
            return new InputSpec(file, spec, bytes);
        }
        Path file = basedir.resolve(spec).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("inputSpec " + file + " does not exist or is not a file");
        }
        return new InputSpec(file, spec, null);
    }

    boolean fromClasspath() {
        return resource != null;
    }
}
