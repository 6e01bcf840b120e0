package dev.ccigen.it;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated clients as a build with several executions would: two javac runs on two threads, each over about
 * half of the files (the clients share nothing but the runtime library, and javac keeps one core busy), against this
 * JVM's class path.
 */
final class TwoJavacRuns {
    private TwoJavacRuns() {}

    /** How many Java files, and javac's errors (the first 40 lines; empty when both runs succeeded). */
    record Result(int sources, String errors) {}

    static Result compile(List<Path> roots, Path classes) throws Exception {
        List<List<String>> halves = List.of(new ArrayList<>(), new ArrayList<>());
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                List<String> files = walk.filter(f -> f.toString().endsWith(".java"))
                        .map(Path::toString)
                        .toList();
                halves.stream()
                        .min(Comparator.comparingInt(List::size))
                        .orElseThrow()
                        .addAll(files);
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<String>> compilations = new ArrayList<>();
        for (List<String> half : halves) {
            compilations.add(threads.submit(() -> javac(half, classes)));
        }
        threads.shutdown();
        StringBuilder errors = new StringBuilder();
        for (Future<String> c : compilations) {
            errors.append(c.get());
        }
        return new Result(
                halves.get(0).size() + halves.get(1).size(),
                errors.toString().lines().limit(40).reduce("", (a, b) -> a + "\n" + b));
    }

    /** Compiles {@code sources} into {@code classes}; returns javac's errors, empty when it succeeded. */
    private static String javac(List<String> sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<String> options = List.of(
                "-d",
                classes.toString(),
                "-proc:none",
                "-nowarn",
                "-encoding",
                "UTF-8",
                "-classpath",
                System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            boolean compiled = javac.getTask(
                            errors, files, null, options, null, files.getJavaFileObjectsFromStrings(sources))
                    .call();
            return compiled ? "" : errors.toString();
        }
    }
}
