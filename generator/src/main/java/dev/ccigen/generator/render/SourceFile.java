package dev.ccigen.generator.render;

/**
 * One rendered file, in memory: where it goes (relative to the output folder, with forward slashes) and
 * which template made it (for messages).
 */
public record SourceFile(String path, String template, String content) {}
