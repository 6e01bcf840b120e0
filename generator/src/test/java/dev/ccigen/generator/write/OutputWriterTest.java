package dev.ccigen.generator.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.render.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {
    @TempDir
    Path dir;

    static SourceFile file(String path, String content) {
        return new SourceFile(path, "test.mustache", content);
    }

    @Test
    void unchangedFilesKeepTheirTimeStaleFilesGoNewFilesAppear() throws Exception {
        Path out = dir.resolve("out");
        OutputWriter w = new OutputWriter();
        assertEquals(
                new OutputWriter.Result(2, 0, 0), w.write(out, List.of(file("a/A.java", "a"), file("b/B.java", "b"))));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(out.resolve("a/A.java"), old);
        Files.setLastModifiedTime(out.resolve("b/B.java"), old);

        OutputWriter.Result r =
                w.write(out, List.of(file("a/A.java", "a"), file("b/B.java", "b2"), file("c/C.java", "c")));
        assertEquals(new OutputWriter.Result(2, 1, 0), r);
        assertEquals(old, Files.getLastModifiedTime(out.resolve("a/A.java")), "same bytes: same time");
        assertFalse(old.equals(Files.getLastModifiedTime(out.resolve("b/B.java"))));

        r = w.write(out, List.of(file("c/C.java", "c")));
        assertEquals(2, r.deleted());
        assertFalse(Files.exists(out.resolve("a/A.java")));
        assertFalse(Files.exists(out.resolve("b")), "no empty folders left behind");
        assertEquals("c", Files.readString(out.resolve("c/C.java")));
        try (var siblings = Files.list(dir)) {
            assertEquals(List.of(out), siblings.toList(), "no staging folder left behind");
        }
    }

    @Test
    void refusesToReplaceAFolderItDidNotWrite() throws Exception {
        Path src = dir.resolve("src/main/java");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Mine.java"), "class Mine {}");
        GenerationException e = assertThrows(
                GenerationException.class, () -> new OutputWriter().write(src, List.of(file("A.java", "a"))));
        assertTrue(e.getMessage().contains("not written by ccigen"), e.getMessage());
        assertTrue(Files.exists(src.resolve("Mine.java")));
    }

    @Test
    void refusesPathsOutsideTheOutputFolder() throws Exception {
        Path out = dir.resolve("out");
        new OutputWriter().write(out, List.of(file("A.java", "a")));
        GenerationException e = assertThrows(
                GenerationException.class, () -> new OutputWriter().write(out, List.of(file("../evil.java", "x"))));
        assertTrue(e.getMessage().contains("outside the output folder"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("evil.java")));
        assertEquals("a", Files.readString(out.resolve("A.java")), "previous output untouched");
    }

    @Test
    void aStagingClosedWithoutCommitLeavesThePreviousOutputAsItWas() throws Exception {
        Path out = dir.resolve("out");
        new OutputWriter().write(out, List.of(file("A.java", "a")));
        try (OutputWriter.Staging staging = new OutputWriter().begin(out)) {
            staging.add(file("A.java", "changed"));
            staging.add(file("B.java", "b"));
            // a template fails here: no commit
        }
        assertEquals("a", Files.readString(out.resolve("A.java")));
        assertFalse(Files.exists(out.resolve("B.java")));
        try (var siblings = Files.list(dir)) {
            assertEquals(List.of(out), siblings.toList(), "the staging folder is gone");
        }
    }

    @Test
    void filesAddedFromManyThreadsAreAllWritten() throws Exception {
        Path out = dir.resolve("out");
        List<SourceFile> files = java.util.stream.IntStream.range(0, 500)
                .mapToObj(i -> file("p" + (i % 7) + "/F" + i + ".java", "class F" + i + " {}"))
                .toList();
        for (int run = 0; run < 2; run++) {
            try (OutputWriter.Staging staging = new OutputWriter().begin(out)) {
                files.parallelStream().forEach(staging::add);
                assertEquals(
                        run == 0 ? new OutputWriter.Result(500, 0, 0) : new OutputWriter.Result(0, 500, 0),
                        staging.commit());
            }
        }
        assertEquals("class F499 {}", Files.readString(out.resolve("p2/F499.java")));
    }
}
