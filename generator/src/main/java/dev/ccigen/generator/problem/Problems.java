package dev.ccigen.generator.problem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects the problems of a run so that one run reports all of them, not the first only.
 * Not thread-safe: each stage owns one while it works.
 */
public final class Problems {
    /** Past this many errors a document is hopeless; stop collecting so the report stays readable. */
    static final int MAX_ERRORS = 200;

    private final List<Problem> list = new ArrayList<>();
    private int errors;

    public void error(Path file, String pointer, String message) {
        add(Problem.at(Problem.Severity.ERROR, file, pointer, message));
    }

    public void warning(Path file, String pointer, String message) {
        add(Problem.at(Problem.Severity.WARNING, file, pointer, message));
    }

    public void info(Path file, String pointer, String message) {
        add(Problem.at(Problem.Severity.INFO, file, pointer, message));
    }

    public void add(Problem problem) {
        if (problem.isError()) {
            if (errors >= MAX_ERRORS) {
                return;
            }
            errors++;
        }
        list.add(problem);
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    public List<Problem> all() {
        return Collections.unmodifiableList(list);
    }

    /** Throws a {@link GenerationException} with every problem so far if any is an error. */
    public void throwIfErrors(String what) {
        if (hasErrors()) {
            throw new GenerationException(what, list);
        }
    }
}
