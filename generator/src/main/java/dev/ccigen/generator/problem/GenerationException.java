package dev.ccigen.generator.problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception the engine throws for bad input: its message lists every problem with its place,
 * ready to show a user as it is (no stack trace needed).
 */
public class GenerationException extends RuntimeException {
    private final transient List<Problem> problems;

    public GenerationException(String what, List<Problem> problems) {
        super(format(what, problems));
        this.problems = List.copyOf(problems);
    }

    public GenerationException(String message) {
        this(message, List.of());
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(String what, List<Problem> problems) {
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (errors.isEmpty()) {
            return what;
        }
        String head = what + " (" + errors.size() + (errors.size() == 1 ? " error" : " errors");
        if (errors.size() > Problems.MAX_ERRORS) {
            head += ", showing the first " + Problems.MAX_ERRORS;
        } else if (errors.size() == Problems.MAX_ERRORS) {
            head += "; no more were collected"; // Problems keeps no more than this
        }
        return head + "):\n"
                + errors.stream()
                        .limit(Problems.MAX_ERRORS)
                        .map(p -> "  " + p.where() + ": " + p.message())
                        .collect(Collectors.joining("\n"));
    }
}
