package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One file of the input and its tree: where a node was read from, for messages, and what a local {@code $ref} in it
 * ({@code #/...}) points into.
 */
record Source(Path file, JsonNode root) {}
