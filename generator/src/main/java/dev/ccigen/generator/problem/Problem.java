package dev.ccigen.generator.problem;

import java.nio.file.Path;

/**
 * One thing wrong (or worth a warning) in an input, with where it is: a file and either a line and
 * column (syntax errors) or a JSON pointer (a value of the wrong shape, a dangling {@code $ref}).
 */
public record Problem(Severity severity, Path file, int line, int column, String pointer, String message) {

    public enum Severity {
        ERROR,
        WARNING,
        INFO
    }

    public static Problem at(Severity severity, Path file, String pointer, String message) {
        return new Problem(severity, file, 0, 0, pointer, message);
    }

    public static Problem atLine(Path file, int line, int column, String message) {
        return new Problem(Severity.ERROR, file, line, column, null, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Where, as a user reads it: {@code specs/x.json:12:5} or {@code specs/x.json#/definitions/Pod}. */
    public String where() {
        String f = file == null ? "<input>" : file.toString();
        if (line > 0) {
            return f + ":" + line + ":" + column;
        }
        return pointer == null ? f : f + "#" + (pointer.isEmpty() ? "/" : pointer);
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + where() + ": " + message;
    }
}
