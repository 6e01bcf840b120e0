package dev.ccigen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content checksum must tell changed inputs from unchanged ones: a folder's files by content (not time), framed so
 * that bytes moved from one file to the next still count; a SNAPSHOT plugin jar by its central directory.
 */
class FingerprintTest {
    @TempDir
    Path dir;

    private Path jar(String name, String aClass, String template, String comment) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setComment(comment);
            for (String[] entry :
                    new String[][] {{"dev/A.class", aClass}, {"ccigen/templates/model.java.mustache", template}}) {
                ZipEntry e = new ZipEntry(entry[0]);
                e.setLastModifiedTime(FileTime.fromMillis(1_000_000_000_000L)); // as reproducible builds do
                zip.putNextEntry(e);
                zip.write(entry[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static String hash(Path jar) throws IOException {
        return Fingerprint.contents().jar("plugin", jar).result();
    }

    @Test
    void anEntryChangedInPlaceChangesTheFingerprint() throws IOException {
        String base = hash(jar("a.jar", "class A {}", "{{x}}", ""));
        assertEquals(base, hash(jar("b.jar", "class A {}", "{{x}}", "")), "same entries, same fingerprint");
        assertNotEquals(base, hash(jar("c.jar", "class B {}", "{{x}}", "")), "same size, other bytes");
        assertNotEquals(base, hash(jar("d.jar", "class A {}", "{{y}}", "")));
        assertEquals(base, hash(jar("e.jar", "class A {}", "{{x}}", "x".repeat(300))), "a jar comment is not content");
    }

    private String tree(String a, String b) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("spec"));
        Files.writeString(folder.resolve("a.json"), a);
        Files.writeString(folder.resolve("b.json"), b);
        return Fingerprint.contents().tree("spec", folder, Set.of()).result();
    }

    @Test
    void aFolderIsCheckedByContentAndEachFileIsFramed() throws IOException {
        String base = tree("{\"a\": 1}", "{\"b\": 2}");
        assertEquals(16, base.length(), base);
        assertEquals(base, tree("{\"a\": 1}", "{\"b\": 2}"), "written again with the same bytes: no change");
        assertNotEquals(base, tree("{\"a\": 2}", "{\"b\": 2}"), "one byte changed, same size");
        assertNotEquals(base, tree("{\"a\": 1}{", "\"b\": 2}"), "the same bytes, moved from one file to the other");
    }

    @Test
    void aFileThatIsNotAZipIsHashedWhole() throws IOException {
        Path notZip = dir.resolve("broken.jar");
        Files.writeString(notZip, "not a zip");
        String first = hash(notZip);
        Files.writeString(notZip, "not a zap");
        assertNotEquals(first, hash(notZip));
    }

    /** The output's shape sees a file deleted, added, edited (size or time) or renamed; a listing alone changes nothing. */
    @Test
    void theOutputsShapeSeesEveryChangeOfAFile() throws IOException {
        Path out = dir.resolve("out");
        Path a = out.resolve("com/example/A.java");
        Path b = out.resolve("com/example/model/B.java");
        Files.createDirectories(b.getParent());
        Files.writeString(a, "class A {}");
        Files.writeString(b, "class B {}");
        FileTime past = FileTime.fromMillis(1_600_000_000_000L);
        for (Path p : new Path[] {a, b, b.getParent(), a.getParent(), out.resolve("com"), out}) {
            Files.setLastModifiedTime(p, past);
        }
        String before = Fingerprint.outputs(out);
        assertEquals("2 files, 4 folders, ", before.substring(0, before.lastIndexOf(' ') + 1));
        assertEquals(before, Fingerprint.outputs(out), "nothing changed");

        Files.writeString(b, "class B { }"); // edited: size and time
        assertNotEquals(before, Fingerprint.outputs(out));
        Files.writeString(b, "class B {}");
        Files.setLastModifiedTime(b, past);
        assertEquals(before, Fingerprint.outputs(out), "as it was");

        Files.writeString(b, "class C {}"); // edited, same size
        Files.setLastModifiedTime(b, FileTime.fromMillis(past.toMillis() + 1));
        assertNotEquals(before, Fingerprint.outputs(out));
        Files.writeString(b, "class B {}");
        Files.setLastModifiedTime(b, past);

        Files.move(b, b.resolveSibling("C.java")); // renamed: its folder's time
        assertNotEquals(before, Fingerprint.outputs(out));
        Files.move(b.resolveSibling("C.java"), b);
        Files.setLastModifiedTime(b.getParent(), past);
        assertEquals(before, Fingerprint.outputs(out), "as it was");

        Files.delete(a); // deleted, even with its folder's time put back
        Files.setLastModifiedTime(a.getParent(), past);
        assertNotEquals(before, Fingerprint.outputs(out));
    }
}
