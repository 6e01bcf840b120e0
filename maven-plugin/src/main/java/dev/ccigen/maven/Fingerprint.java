package dev.ccigen.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Everything a generation depends on: labelled values and the files of folder trees, either as a checksum over their
 * contents (each entry framed by its label and length, so two different inputs cannot produce the same byte stream),
 * or, for the cheap first check, as a plain listing of values, file names, sizes and modification times (no file is
 * read and no checksum is computed: that check must cost next to nothing).
 *
 * <p>The checksum is a CRC-32C and a CRC-32 of the same stream, 64 bits. It only has to tell a changed input from an
 * unchanged one, not resist an attacker: a CRC never misses a change within 32 consecutive bits, and two different
 * polynomials miss a random change with a chance of about 2<sup>-64</sup>. Both are intrinsics even before the JIT
 * compiles anything: SHA-256 took a fresh JVM 100 ms for 1.5 MB, on every clean run, on the core the engine shares
 * with the compiler; these take 4 ms.
 */
final class Fingerprint {
    private final CRC32C crc32c;
    private final CRC32 crc32;
    private final StringBuilder listing;
    private final byte[] buffer;

    private Fingerprint(boolean contents) {
        if (contents) {
            crc32c = new CRC32C();
            crc32 = new CRC32();
            buffer = new byte[64 * 1024];
            listing = null;
        } else {
            crc32c = null;
            crc32 = null;
            buffer = null;
            listing = new StringBuilder(4096);
        }
    }

    /** A checksum of the values and of the files' bytes. */
    static Fingerprint contents() {
        return new Fingerprint(true);
    }

    /** A listing of the values and of the files' sizes and modification times. */
    static Fingerprint metadata() {
        return new Fingerprint(false);
    }

    Fingerprint value(String label, Object value) {
        frame(label, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Fingerprint values(String label, Map<String, String> map) {
        for (Map.Entry<String, String> e : new TreeMap<>(map == null ? Map.of() : map).entrySet()) {
            value(label + "." + e.getKey(), e.getValue());
        }
        return this;
    }

    Fingerprint bytes(String label, byte[] bytes) {
        frame(label, bytes);
        return this;
    }

    /** A file's content, or every file of a folder tree (relative name and content) except the {@code skipped} folders. */
    Fingerprint tree(String label, Path root, Set<Path> skipped) throws IOException {
        if (root == null || !Files.exists(root)) {
            return value(label, "<none>");
        }
        if (Files.isRegularFile(root)) {
            value(label, "file");
            return file(label, root);
        }
        TreeMap<Path, BasicFileAttributes> files = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean hidden =
                        !dir.equals(root) && dir.getFileName().toString().startsWith(".");
                return hidden || skipped.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.put(file, attrs);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        value(label, "folder of " + files.size());
        String prefix = label + ":";
        for (Map.Entry<Path, BasicFileAttributes> f : files.entrySet()) {
            String name = prefix + root.relativize(f.getKey()).toString().replace('\\', '/');
            if (listing != null) { // the walk's own attributes: no second system call per file
                listed(name, f.getValue());
            } else {
                file(name, f.getKey());
            }
        }
        return this;
    }

    private void listed(String label, BasicFileAttributes attrs) {
        listing.append(label)
                .append('=')
                .append(attrs.size())
                .append(' ')
                .append(attrs.lastModifiedTime().toMillis())
                .append('\n');
    }

    /**
     * What the output folder looks like, cheaply: how many files and folders, and a 64-bit mix of every folder's
     * modification time (a file added, deleted or renamed changes its folder's) and of every file's size and time (a
     * file edited changes them), in the order the listing gives them (which only a change of the folder changes). No
     * name is built, sorted or compared, and {@code java.io.File} goes straight to the system calls: on Kubernetes'
     * 889 files, a listing of names with {@code Files.walkFileTree} cost a cold JVM several times more.
     */
    static String outputs(Path root) {
        long[] state = {0, 0, 0x9E3779B97F4A7C15L}; // files, folders, mix
        outputs(root.toFile(), state);
        return state[0] + " files, " + state[1] + " folders, " + HexFormat.of().toHexDigits(state[2]);
    }

    private static void outputs(File folder, long[] state) {
        state[1]++;
        mix(state, folder.lastModified());
        File[] entries = folder.listFiles();
        if (entries == null) {
            mix(state, -1); // gone, or not a folder
            return;
        }
        for (File entry : entries) {
            if (entry.isDirectory()) {
                outputs(entry, state);
            } else {
                state[0]++;
                mix(state, entry.length());
                mix(state, entry.lastModified());
            }
        }
    }

    /** One step of a multiply-xorshift mix (as in SplitMix64): every bit of {@code value} reaches every bit of the state. */
    private static void mix(long[] state, long value) {
        long h = (state[2] ^ value) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        state[2] = h ^ (h >>> 31);
    }

    /**
     * A jar, by its central directory: the name, sizes and CRC-32 of every entry, so any change of any entry shows,
     * from a fraction of the bytes (the plugin's 4.6 MB jar: ~0.2 MB). Hashing the whole jar cost a fresh JVM a
     * quarter of a second on every clean run of a SNAPSHOT plugin. Anything unexpected: the whole file.
     */
    Fingerprint jar(String label, Path jar) throws IOException {
        if (listing != null || !Files.isRegularFile(jar)) {
            return tree(label, jar, Set.of());
        }
        try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength =
                    (int) Math.min(size, END_RECORD + 0xFFFF); // the end record, then a comment of up to 64 KiB
            ByteBuffer tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, tail, size - tailLength);
            for (int at = tailLength - END_RECORD; at >= 0; at--) {
                if (tail.getInt(at) == END_SIGNATURE) {
                    long directorySize = Integer.toUnsignedLong(tail.getInt(at + 12));
                    long directoryOffset = Integer.toUnsignedLong(tail.getInt(at + 16));
                    if (directoryOffset + directorySize > size - tailLength + at || directorySize > Integer.MAX_VALUE) {
                        break; // a ZIP64 jar or a damaged one
                    }
                    ByteBuffer directory = ByteBuffer.allocate((int) directorySize);
                    readFully(channel, directory, directoryOffset);
                    return bytes(label + ":central-directory", directory.array());
                }
            }
        }
        value(label, "file");
        return file(label, jar);
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position + into.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static final int END_RECORD = 22;
    private static final int END_SIGNATURE = 0x06054b50;

    private Fingerprint file(String label, Path file) throws IOException {
        if (listing != null) {
            listed(label, Files.readAttributes(file, BasicFileAttributes.class));
            return this;
        }
        header(label, Files.size(file));
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                update(buffer, n);
            }
        }
        return this;
    }

    private void frame(String label, byte[] bytes) {
        if (listing != null) {
            listing.append(label)
                    .append('=')
                    .append(new String(bytes, StandardCharsets.UTF_8).replace("\n", "\\n"))
                    .append('\n');
            return;
        }
        header(label, bytes.length);
        update(bytes, bytes.length);
    }

    /** An entry's frame: its label, then its length, each ended by a zero byte. */
    private void header(String label, long length) {
        byte[] text = (label + '\0' + length + '\0').getBytes(StandardCharsets.UTF_8);
        update(text, text.length);
    }

    private void update(byte[] bytes, int length) {
        crc32c.update(bytes, 0, length);
        crc32.update(bytes, 0, length);
    }

    /** The checksum in hex (16 digits), or the listing. */
    String result() {
        return listing != null
                ? listing.toString()
                : HexFormat.of().toHexDigits(crc32c.getValue() << 32 | crc32.getValue());
    }
}
