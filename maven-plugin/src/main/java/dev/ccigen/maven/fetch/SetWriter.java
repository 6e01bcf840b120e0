package dev.ccigen.maven.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Writes a fetched set all at once or not at all: everything goes into a staging folder and a temporary file beside
 * the targets (the same file system, so that moving them is a rename), and only when all is written are the old
 * listings folder and document swapped for the new ones. A failure at any point leaves the previous files as they
 * were. In the new listings folder, the {@code *.json} files are exactly the fetched listings (a group-version the
 * service no longer serves is gone, as {@code generate} would otherwise still read it); anything else there is kept.
 */
public final class SetWriter {
    private SetWriter() {}

    /**
     * @param document the document's file
     * @param folder   the listings folder, or null to write the document alone
     */
    public static void write(ListingSet set, Path document, Path folder) throws IOException {
        Path staging = null;
        Path newDocument = null;
        try {
            if (folder != null) {
                staging = stage(set.listings(), folder);
            }
            Files.createDirectories(document.getParent());
            newDocument = Files.createTempFile(document.getParent(), "." + document.getFileName(), ".ccigen-tmp");
            Files.write(newDocument, CanonicalJson.bytes(set.document()));
            swap(staging, folder, newDocument, document);
            staging = null;
            newDocument = null;
        } finally {
            deleteTree(staging);
            deleteTree(newDocument);
        }
    }

    /**
     * Replaces the {@code *.json} files at the top of {@code folder} with {@code files} at once (the CRD folder), as
     * the listings folder is replaced: anything else there is kept.
     */
    public static void writeFolder(Map<String, JsonNode> files, Path folder) throws IOException {
        Path staging = stage(files, folder);
        try {
            Path old = replace(staging, folder);
            staging = null;
            deleteTree(old);
        } finally {
            deleteTree(staging);
        }
    }

    /** A staging folder beside {@code folder}: its files other than the top {@code *.json}, and {@code files}. */
    private static Path stage(Map<String, JsonNode> files, Path folder) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + folder.getFileName() + ".ccigen-");
        try {
            if (Files.isDirectory(folder)) {
                keepOtherFiles(folder, staging);
            }
            for (Map.Entry<String, JsonNode> f : files.entrySet()) {
                Files.write(staging.resolve(f.getKey()), CanonicalJson.bytes(f.getValue()));
            }
            return staging;
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
    }

    /** Renames {@code staging} to {@code folder}; returns where the old folder went (null: none), undone on failure. */
    private static Path replace(Path staging, Path folder) throws IOException {
        Path old = null;
        if (Files.exists(folder)) {
            old = folder.resolveSibling("." + folder.getFileName() + ".ccigen-old-" + System.nanoTime());
            Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            restore(old, folder);
            throw e;
        }
        return old;
    }

    /** The two renames; when the second fails, the first is undone. */
    private static void swap(Path staging, Path folder, Path newDocument, Path document) throws IOException {
        Path old = staging == null ? null : replace(staging, folder);
        try {
            Files.move(newDocument, document, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (staging != null) {
                Files.move(folder, staging, StandardCopyOption.ATOMIC_MOVE);
                restore(old, folder);
            }
            throw e;
        }
        deleteTree(old);
    }

    private static void restore(Path old, Path folder) throws IOException {
        if (old != null) {
            Files.move(old, folder, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Copies what is not a listing ({@code *.json} files at the top) into the new folder. */
    private static void keepOtherFiles(Path folder, Path staging) throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(staging.resolve(folder.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                boolean listing = file.getParent().equals(folder)
                        && file.getFileName().toString().endsWith(".json");
                if (!listing) {
                    Files.copy(
                            file,
                            staging.resolve(folder.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path path) throws IOException {
        if (path == null || !Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
