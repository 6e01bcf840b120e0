package dev.ccigen.generator.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.ObjectHandler;
import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.GroupVersionModel;
import dev.ccigen.generator.link.OperationGroupModel;
import dev.ccigen.generator.link.ResourceModel;
import dev.ccigen.generator.link.TypeModel;
import dev.ccigen.generator.problem.GenerationException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The render stage: runs the templates over the {@link ApiModel} and returns the files in memory, each Java
 * file already checked by JavaParser. Which template makes which files:
 *
 * <table>
 *   <caption>The templates and the files they make</caption>
 *   <tr><th>template</th><th>rendered</th><th>into</th></tr>
 *   <tr><td>{@code model.java.mustache}</td><td>once per model class</td><td>{@code <package>/<Class>.java}</td></tr>
 *   <tr><td>{@code client.java.mustache}</td><td>once</td><td>{@code <basePackage>/<clientName>.java}</td></tr>
 *   <tr><td>{@code groupVersion.java.mustache}</td><td>once per group-version</td><td>its package</td></tr>
 *   <tr><td>{@code resource.java.mustache}</td><td>once per resource</td><td>its group-version's package</td></tr>
 *   <tr><td>{@code resourceAllNamespaces.java.mustache}</td><td>once per namespaced resource served across all
 *   namespaces</td><td>its group-version's package</td></tr>
 *   <tr><td>{@code operations.java.mustache}</td><td>once per tag</td><td>{@code <basePackage>/api/}</td></tr>
 *   <tr><td>{@code Kinds.java.mustache}, {@code ErrorCodes.java.mustache}</td><td>once, when the API has kinds, error codes</td><td>{@code <basePackage>/}</td></tr>
 *   <tr><td>{@code runtime/<Name>.java.mustache} (runtime inline)</td><td>once each</td><td>{@code <basePackage>/runtime/<Name>.java}</td></tr>
 *   <tr><td>{@code perModel/<Suffix>.mustache} (user's)</td><td>once per model class</td><td>{@code <package>/<Class><Suffix>}</td></tr>
 *   <tr><td>{@code once/<path>.mustache} (user's)</td><td>once</td><td>{@code <basePackage>/<path>}</td></tr>
 *   <tr><td>{@code testServer.java.mustache} (with the test server)</td><td>once</td><td>{@code <basePackage>/<clientName>TestServer.java}</td></tr>
 *   <tr><td>{@code testserver/<Name>.java.mustache} (with the test server, runtime inline)</td><td>once each</td><td>{@code <basePackage>/testserver/<Name>.java}</td></tr>
 * </table>
 *
 * <p>The last two are test sources ({@link #isTestSource}); besides the model they see {@code testServerName}. The
 * {@code runtime/} and {@code testserver/} templates are the sources of the {@code ccigen-runtime} and
 * {@code ccigen-test-server} libraries with their packages as tags: rendered only when the runtime is inline, since
 * otherwise the generated code uses those libraries.
 *
 * <p>Each template sees a stack of scopes, searched from the most specific: the item it is rendered for (a
 * {@code TypeModel}, {@code GroupVersionModel}, ...; a resource also sees its group-version), then the
 * {@link ApiModel}, then the helper lambdas of {@link TemplateFunctions}. Mustache's HTML escaping is off: the model escapes what
 * needs escaping for Java.
 */
public final class Renderer {
    // The templates rendered by name, each named once: plan() renders them, prepare() compiles them ahead.
    private static final String MODEL = "model.java.mustache";
    private static final String CLIENT = "client.java.mustache";
    private static final String GROUP_VERSION = "groupVersion.java.mustache";
    private static final String RESOURCE = "resource.java.mustache";
    private static final String ALL_NAMESPACES = "resourceAllNamespaces.java.mustache";
    private static final String OPERATIONS = "operations.java.mustache";
    private static final String KINDS = "Kinds.java.mustache";
    private static final String ERROR_CODES = "ErrorCodes.java.mustache";
    private static final List<String> ROOTS =
            List.of(MODEL, CLIENT, GROUP_VERSION, RESOURCE, ALL_NAMESPACES, OPERATIONS, KINDS, ERROR_CODES);
    private static final String TEST_SERVER = "testServer.java.mustache";
    private static final String TEST_SERVER_FOLDER = "testserver/";
    private static final String RUNTIME_FOLDER = "runtime/";

    private final TemplateSet templates;
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    /** Root templates that read a file of the user's (themselves, a partial or a parent): their output is parsed. */
    private final Set<String> touchedByUser = ConcurrentHashMap.newKeySet();
    /** For each root template, the templates it read (itself, its partials and parents): where a bad line may be. */
    private final Map<String, Set<String>> readBy = new ConcurrentHashMap<>();

    private final boolean validateAll;
    private final boolean testServer;
    private final boolean inlineRuntime;
    /** How templates find names in their scopes, shared by all templates. */
    private final ObjectHandler lookups = new TemplateLookups();

    /**
     * @param validateAll parse every Java file, not only those a user template took part in (the defaults
     *                    are checked by ccigen's own tests; parsing all of Kubernetes takes seconds)
     */
    public Renderer(TemplateSet templates, boolean validateAll) {
        this(templates, validateAll, false);
    }

    /** @param testServer also render the in-memory test server (test sources, see {@link #isTestSource}) */
    public Renderer(TemplateSet templates, boolean validateAll, boolean testServer) {
        this(templates, validateAll, testServer, false);
    }

    /** @param inlineRuntime render the runtime's (and the test server's generic) sources too: {@code runtime=inline} */
    public Renderer(TemplateSet templates, boolean validateAll, boolean testServer, boolean inlineRuntime) {
        this.templates = templates;
        this.validateAll = validateAll;
        this.testServer = testServer;
        this.inlineRuntime = inlineRuntime;
    }

    /** Whether {@code file} belongs in the test output folder (the test server) rather than the main one. */
    public static boolean isTestSource(SourceFile file) {
        return file.template().equals(TEST_SERVER) || file.template().startsWith(TEST_SERVER_FOLDER);
    }

    /** Renders every file of {@code model}, in the order of their paths; throws with every broken template's problems. */
    public List<SourceFile> render(ApiModel model) {
        Map<String, SourceFile> files = new ConcurrentSkipListMap<>();
        render(model, f -> files.put(f.path(), f));
        return List.copyOf(files.values());
    }

    /**
     * Renders every file of {@code model} on all cores, handing each to {@code sink} as soon as it is made (so
     * the caller can write while the rest render; {@code sink} must be thread-safe). A file that does not parse
     * never reaches the sink, and the call then throws with every broken template's problems.
     */
    public void render(ApiModel model, Consumer<SourceFile> sink) {
        List<Job> jobs = plan(model);
        jobs.stream().map(Job::template).distinct().forEach(name -> compiled.computeIfAbsent(name, this::compile));
        // JavaParser takes a while to load: only made when some file is to be checked.
        JavaValidator validator = validateAll || !touchedByUser.isEmpty() ? new JavaValidator() : null;
        Queue<InvalidJava.Found> invalid = new ConcurrentLinkedQueue<>();
        Queue<GenerationException> failures = new ConcurrentLinkedQueue<>();
        jobs.parallelStream().forEach(job -> {
            try {
                SourceFile file = run(job);
                if (validator != null
                        && file.path().endsWith(".java")
                        && (validateAll || touchedByUser.contains(file.template()))) {
                    List<InvalidJava.Found> found = validator.validate(file);
                    if (!found.isEmpty()) {
                        invalid.addAll(found);
                        return;
                    }
                }
                sink.accept(file);
            } catch (GenerationException e) {
                failures.add(e); // caught, not thrown: once this loop returns, no other core is still handing out files
            }
        });
        if (!failures.isEmpty()) {
            GenerationException first = failures.stream()
                    .min(Comparator.comparing(Throwable::getMessage))
                    .orElseThrow();
            throw failures.size() == 1
                    ? first
                    : new GenerationException(
                            first.getMessage() + " (and " + (failures.size() - 1) + " more files failed)");
        }
        if (!invalid.isEmpty()) {
            throw new GenerationException(
                    "the templates rendered invalid Java; nothing was written",
                    InvalidJava.report(invalid, this::textsReadBy));
        }
    }

    /** The texts of the templates {@code root} read, by name: the user's first (a broken line is most likely theirs). */
    private Map<String, String> textsReadBy(String root) {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        List<String> names = new ArrayList<>(readBy.getOrDefault(root, Set.of(root)));
        names.sort(
                Comparator.comparing((String n) -> !templates.isOverridden(n)).thenComparing(n -> n));
        for (String name : names) {
            try (Reader r = templates.open(name)) {
                if (r != null) {
                    StringWriter text = new StringWriter();
                    r.transferTo(text);
                    texts.put(name, text.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }

    /**
     * Compiles every template the render will use, so that this can run on another core while the input
     * is read and linked (compiling and loading Mustache.java is a good part of a cold run).
     */
    public void prepare() {
        List<String> roots = new ArrayList<>(ROOTS);
        if (inlineRuntime) {
            roots.addAll(templates.list(RUNTIME_FOLDER));
        }
        roots.addAll(templates.list("perModel/"));
        roots.addAll(templates.list("once/"));
        if (testServer) {
            roots.add(TEST_SERVER);
            if (inlineRuntime) {
                roots.addAll(templates.list(TEST_SERVER_FOLDER));
            }
        }
        roots.forEach(name -> compiled.computeIfAbsent(name, this::compile));
    }

    /** One template run: which template, for which scopes, into which file. */
    record Job(String template, String path, Object[] scopes) {}

    List<Job> plan(ApiModel model) {
        String base = model.basePackage().replace('.', '/');
        Object fn = new TemplateFunctions();
        List<Job> jobs = new ArrayList<>();
        for (TypeModel t : model.types()) {
            String dir = t.packageName().replace('.', '/');
            jobs.add(new Job(MODEL, dir + "/" + t.className() + ".java", new Object[] {fn, model, t}));
            for (String extra : templates.list("perModel/")) {
                String suffix = extra.substring("perModel/".length(), extra.length() - ".mustache".length());
                jobs.add(new Job(extra, dir + "/" + t.className() + suffix, new Object[] {fn, model, t}));
            }
        }
        jobs.add(new Job(CLIENT, base + "/" + model.clientName() + ".java", new Object[] {fn, model}));
        for (GroupVersionModel gv : model.groupVersions()) {
            String dir = gv.packageName().replace('.', '/');
            jobs.add(new Job(GROUP_VERSION, dir + "/" + gv.className() + ".java", new Object[] {fn, model, gv}));
            for (ResourceModel r : gv.resources()) {
                jobs.add(new Job(RESOURCE, dir + "/" + r.className() + ".java", new Object[] {fn, model, gv, r}));
                if (r.allNamespaces() != null) {
                    String file = dir + "/" + r.allNamespaces().className() + ".java";
                    jobs.add(new Job(ALL_NAMESPACES, file, new Object[] {fn, model, gv, r}));
                }
            }
        }
        for (OperationGroupModel g : model.operationGroups()) {
            jobs.add(new Job(
                    OPERATIONS,
                    g.packageName().replace('.', '/') + "/" + g.className() + ".java",
                    new Object[] {fn, model, g}));
        }
        if (!model.kinds().isEmpty()) { // an operation-style API has none
            jobs.add(new Job(KINDS, base + "/Kinds.java", new Object[] {fn, model}));
        }
        if (model.hasErrorCodes()) {
            jobs.add(new Job(ERROR_CODES, base + "/ErrorCodes.java", new Object[] {fn, model}));
        }
        if (inlineRuntime) {
            for (String runtime : templates.list(RUNTIME_FOLDER)) {
                String name = runtime.substring(RUNTIME_FOLDER.length(), runtime.length() - ".mustache".length());
                jobs.add(new Job(runtime, base + "/runtime/" + name, new Object[] {fn, model}));
            }
        }
        for (String once : templates.list("once/")) {
            String name = once.substring("once/".length(), once.length() - ".mustache".length());
            jobs.add(new Job(once, base + "/" + name, new Object[] {fn, model}));
        }
        if (testServer) {
            String serverName = model.clientName() + "TestServer";
            Object names = Map.of("testServerName", serverName);
            jobs.add(new Job(TEST_SERVER, base + "/" + serverName + ".java", new Object[] {fn, model, names}));
            if (inlineRuntime) {
                for (String support : templates.list(TEST_SERVER_FOLDER)) {
                    String name =
                            support.substring(TEST_SERVER_FOLDER.length(), support.length() - ".mustache".length());
                    jobs.add(new Job(support, base + "/testserver/" + name, new Object[] {fn, model, names}));
                }
            }
        }
        return jobs;
    }

    private SourceFile run(Job job) {
        Mustache mustache = compiled.computeIfAbsent(job.template(), this::compile);
        TextBuffer out = new TextBuffer(16 * 1024);
        try {
            mustache.execute(out, job.scopes()).flush();
        } catch (MustacheException | IOException e) {
            throw new GenerationException(
                    "template " + job.template() + " failed while rendering " + job.path() + ": " + rootMessage(e));
        }
        return new SourceFile(job.path(), job.template(), normalise(out.toString()));
    }

    /** Compiles a root template with a factory of its own, so that every partial and parent it uses is read (and seen). */
    private Mustache compile(String name) {
        Set<String> read = ConcurrentHashMap.newKeySet();
        READING.set(read);
        try {
            Mustache m = new Factory(templates, lookups).compile(name);
            readBy.put(name, Set.copyOf(read));
            if (read.stream().anyMatch(templates::isOverridden)) {
                touchedByUser.add(name);
            }
            return m;
        } catch (MustacheException e) {
            throw new GenerationException("template " + name + " does not compile: " + rootMessage(e));
        } finally {
            READING.remove();
        }
    }

    /** The templates read while one root template compiles (Mustache.java compiles partials on the same thread). */
    private static final ThreadLocal<Set<String>> READING = new ThreadLocal<>();

    /**
     * LF line ends, no trailing blanks, no leading blank lines, at most one blank line in a row, one final
     * newline: the bytes then do not depend on the template's editor or on which sections were empty. One
     * pass, no regular expressions: this runs over every byte generated.
     */
    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int blankRun = 0;
        int start = 0;
        int n = s.length();
        while (start <= n) {
            int end = s.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            int stop = end;
            while (stop > start && (s.charAt(stop - 1) <= ' ')) {
                stop--; // trailing blanks, and the \r of a CRLF
            }
            if (stop == start) {
                blankRun++;
            } else {
                if (blankRun > 0 && b.length() > 0) {
                    b.append('\n');
                }
                blankRun = 0;
                b.append(s, start, stop).append('\n');
            }
            start = end + 1;
        }
        return b.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Mustache.java, reading through the {@link TemplateSet} and never HTML-escaping. */
    private static final class Factory extends DefaultMustacheFactory {
        private final TemplateSet templates;

        Factory(TemplateSet templates, ObjectHandler lookups) {
            this.templates = templates;
            setObjectHandler(lookups);
        }

        @Override
        public Reader getReader(String resourceName) {
            Set<String> reading = READING.get();
            if (reading != null) {
                reading.add(resourceName);
            }
            Reader r = templates.open(resourceName);
            if (r == null) {
                throw new MustacheException("no template named " + resourceName);
            }
            return r;
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new TextJoiningVisitor(this);
        }

        @Override
        public String resolvePartialPath(String dir, String name, String extension) {
            return name.endsWith(".mustache") ? name : name + ".mustache";
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
