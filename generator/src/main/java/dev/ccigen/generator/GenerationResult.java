package dev.ccigen.generator;

import dev.ccigen.generator.problem.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a generation did, for the one-line summary users see.
 *
 * @param warnings warnings and notes of the read and link stages (errors end the run instead)
 */
public record GenerationResult(
        Path outputDirectory,
        int models,
        int apiClasses,
        int files,
        int written,
        int unchanged,
        int deleted,
        List<Problem> warnings,
        Duration elapsed) {

    public String summary() {
        return String.format(
                "%d models and %d API classes (%d files: %d written, %d unchanged, %d removed) in %s, %d ms",
                models, apiClasses, files, written, unchanged, deleted, outputDirectory, elapsed.toMillis());
    }
}
