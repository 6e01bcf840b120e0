package dev.ccigen.generator;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated sources in-process with javac, against the test class path (Jackson, JDK). */
public final class Compiler {
    private Compiler() {}

    /** What javac said: errors and warnings other than deprecation. */
    public record Result(boolean success, List<String> errors, List<String> warnings) {}

    public static Result compile(Path sources, Path classes) throws IOException {
        return compile(sources, classes, List.of());
    }

    /** Compiles {@code sources} into {@code classes} against the test class path and {@code classPath} too. */
    public static Result compile(Path sources, Path classes, List<Path> classPath) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(sources)) {
            files = all.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of(
                    "-d",
                    classes.toString(),
                    "-classpath",
                    classPathOf(classPath),
                    "--release",
                    "17",
                    "-Xlint:all,-deprecation,-processing",
                    "-encoding",
                    "UTF-8",
                    "-proc:none");
            StringWriter out = new StringWriter();
            boolean ok = javac.getTask(out, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
            List<String> errors = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                String text = (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(null);
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(text);
                } else if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                    warnings.add(text);
                }
            }
            return new Result(ok, errors, warnings);
        }
    }

    private static String classPathOf(List<Path> extra) {
        StringBuilder b = new StringBuilder(System.getProperty("java.class.path"));
        extra.forEach(p -> b.append(java.io.File.pathSeparatorChar).append(p));
        return b.toString();
    }
}
