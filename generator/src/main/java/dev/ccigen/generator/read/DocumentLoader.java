package dev.ccigen.generator.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ccigen.generator.Problem;
import dev.ccigen.generator.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses a JSON or YAML file into a tree. A syntax error becomes a {@link Problem} with the file, line,
 * column and what the parser expected; the caller then goes on with the other inputs so that one run
 * reports everything.
 */
public final class DocumentLoader {
    /** Large enough for any real API document (Kubernetes' is 5.5 MB), small enough to fail clearly on junk. */
    private static final int MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(MAX_DOCUMENT_CHARS)
            .maxNestingDepth(2_000)
            .build();

    private final ObjectMapper json;
    private ObjectMapper yaml; // made when first needed: SnakeYAML takes a while to load

    public DocumentLoader() {
        JsonFactory jsonFactory = JsonFactory.builder()
                .streamReadConstraints(LIMITS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.json = new ObjectMapper(jsonFactory);
    }

    private ObjectMapper yaml() {
        if (yaml != null) {
            return yaml;
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        options.setAllowDuplicateKeys(false);
        // Aliases are legal YAML but a classic way to blow up memory ("billion laughs"); API documents don't need many.
        options.setMaxAliasesForCollections(100);
        YAMLFactory yamlFactory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(LIMITS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.yaml = new ObjectMapper(yamlFactory);
        return yaml;
    }

    /** Reads {@code file}; returns null (and records why) when it cannot be read or parsed. */
    public JsonNode load(Path file, Problems problems) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        String name = gzip ? stripSuffix(file.getFileName().toString(), ".gz") : file.getFileName().toString();
        ObjectMapper mapper = isYaml(name) ? yaml() : json;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            JsonNode node = mapper.readTree(in);
            if (node == null || node.isMissingNode()) {
                problems.add(Problem.atLine(file, 1, 1, "the document is empty"));
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException yamlError && yamlError.getProblemMark() != null) {
                // SnakeYAML knows the exact place of the problem; Jackson only reports where the token started.
                var mark = yamlError.getProblemMark();
                String what = yamlError.getProblem() == null ? describe(e, true) : "malformed YAML: "
                        + (yamlError.getContext() == null ? "" : yamlError.getContext() + ": ") + yamlError.getProblem();
                problems.add(Problem.atLine(file, mark.getLine() + 1, mark.getColumn() + 1, what.replace('\n', ' ')));
                return null;
            }
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            problems.add(Problem.atLine(file, line, column, describe(e, mapper != json)));
            return null;
        } catch (NoSuchFileException e) {
            problems.error(file, null, "no such file");
            return null;
        } catch (IOException e) {
            problems.error(file, null, "cannot read: " + e.getMessage());
            return null;
        }
    }

    public static boolean isYaml(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /** The parser's own words, without its location suffix (we print the location ourselves). */
    private static String describe(JsonProcessingException e, boolean isYaml) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        int at = message.indexOf("\n at [Source");
        if (at >= 0) {
            message = message.substring(0, at);
        }
        message = message.replace('\n', ' ').replaceAll("\\s+", " ").trim();
        return (isYaml ? "malformed YAML: " : "malformed JSON: ") + message;
    }

    private static String stripSuffix(String s, String suffix) {
        return s.substring(0, s.length() - suffix.length());
    }
}
