package dev.ccigen.generator.render;

import dev.ccigen.generator.problem.GenerationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * Where templates come from: the user's template folder first, file by file (partials and parents too),
 * then the defaults shipped in the {@code ccigen-templates} jar under {@code ccigen/templates/}.
 */
public final class TemplateSet {
    public static final String DEFAULT_ROOT = "ccigen/templates/";

    private final Path userFolder;
    private final ClassLoader loader;
    /** The names in each folder, once listed. */
    private final Map<String, Set<String>> listings = new ConcurrentHashMap<>();

    public TemplateSet(Path userFolder, ClassLoader loader) {
        this.userFolder = userFolder;
        this.loader = loader;
        if (userFolder != null && !Files.isDirectory(userFolder)) {
            throw new GenerationException("template folder " + userFolder + " does not exist or is not a folder");
        }
        if (loader.getResource(DEFAULT_ROOT + "model.java.mustache") == null) {
            throw new GenerationException("the default templates (" + DEFAULT_ROOT
                    + "model.java.mustache) are not on the " + "class path: add dev.ccigen:ccigen-templates");
        }
    }

    /** The text of template {@code name} ({@code model.java.mustache}, {@code runtime/Json.java.mustache}); null if none. */
    public Reader open(String name) {
        try {
            if (userFolder != null) {
                Path user = userFolder.resolve(name).normalize();
                if (user.startsWith(userFolder) && Files.isRegularFile(user)) {
                    return new StringReader(Files.readString(user, StandardCharsets.UTF_8));
                }
            }
            URL url = loader.getResource(DEFAULT_ROOT + name);
            if (url == null) {
                return null;
            }
            // Decoded in one go: Mustache.java reads a character at a time, and through a decoding reader that made
            // the decoder hot enough for the JIT to spend a quarter of a second on it in every cold run.
            try (InputStream in = url.openStream()) {
                return new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new GenerationException("cannot read template " + name + ": " + e.getMessage());
        }
    }

    /** Whether the user's folder overrides {@code name}. */
    public boolean isOverridden(String name) {
        return userFolder != null && Files.isRegularFile(userFolder.resolve(name));
    }

    /**
     * The names of the templates in {@code folder} (defaults and the user's), sorted: e.g. all of {@code runtime/}.
     * Listed once per folder: the default templates are a jar, whose whole directory a listing reads, and the render
     * plan asks for {@code perModel/} once per model class.
     */
    public TreeSet<String> list(String folder) {
        return new TreeSet<>(listings.computeIfAbsent(folder, this::listNow));
    }

    private Set<String> listNow(String folder) {
        TreeSet<String> names = new TreeSet<>();
        if (userFolder != null && Files.isDirectory(userFolder.resolve(folder))) {
            try (Stream<Path> files = Files.walk(userFolder.resolve(folder))) {
                files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".mustache"))
                        .forEach(p ->
                                names.add(userFolder.relativize(p).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new GenerationException(
                        "cannot list templates in " + userFolder.resolve(folder) + ": " + e.getMessage());
            }
        }
        try {
            Enumeration<URL> roots = loader.getResources(DEFAULT_ROOT + folder);
            while (roots.hasMoreElements()) {
                listDefaults(roots.nextElement(), folder, names);
            }
        } catch (IOException | URISyntaxException e) {
            throw new GenerationException("cannot list the default templates in " + folder + ": " + e.getMessage());
        }
        return Collections.unmodifiableSet(names);
    }

    private static void listDefaults(URL root, String folder, TreeSet<String> names)
            throws IOException, URISyntaxException {
        if (root.getProtocol().equals("file")) {
            Path dir = Path.of(root.toURI());
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".mustache"))
                        .forEach(p ->
                                names.add(folder + dir.relativize(p).toString().replace('\\', '/')));
            }
        } else if (root.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (var jar = connection.getJarFile()) {
                String prefix = DEFAULT_ROOT + folder;
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String entry = e.nextElement().getName();
                    if (entry.startsWith(prefix) && entry.endsWith(".mustache")) {
                        names.add(entry.substring(DEFAULT_ROOT.length()));
                    }
                }
            }
        }
    }
}
