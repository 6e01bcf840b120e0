package dev.ccigen.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Huawei Cloud SDKs' credentials file: INI-style sections, {@code key = value} lines. Project-scoped services such as
 * CCI use the {@code [basic]} section:
 *
 * <pre>
 * [basic]
 * ak = ...
 * sk = ...
 * project_id = ...        (optional)
 * security_token = ...    (optional, temporary credentials)
 * </pre>
 *
 * Other sections ({@code [global]}) and lines that are neither are ignored, as the SDKs do; {@code #} and {@code ;}
 * start comment lines.
 */
final class CredentialsFile {

    private static final String SECTION = "basic";

    private CredentialsFile() {}

    /** The file {@code HUAWEICLOUD_SDK_CREDENTIALS_FILE} names if set, else {@code <home>/.huaweicloud/credentials}. */
    static Path location(Function<String, String> environment, Path home) {
        String named = environment.apply(Credentials.CREDENTIALS_FILE_VARIABLE);
        return named != null && !named.isBlank()
                ? Path.of(named)
                : home.resolve(".huaweicloud").resolve("credentials");
    }

    /** @throws IllegalStateException naming the file and what it lacks; never a value from it */
    static Credentials read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("credentials file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read credentials file " + file + ": " + e.getClass().getSimpleName());
        }
        Map<String, String> basic = section(text, SECTION);
        if (basic == null) {
            throw new IllegalStateException("credentials file " + file + " has no [" + SECTION + "] section");
        }
        String ak = basic.get("ak");
        String sk = basic.get("sk");
        if (ak == null || sk == null) {
            throw new IllegalStateException("the [" + SECTION + "] section of credentials file " + file + " lacks "
                    + (ak == null && sk == null ? "ak and sk" : ak == null ? "ak" : "sk"));
        }
        return Credentials.of(ak, sk)
                .withSecurityToken(basic.get("security_token"))
                .withProjectId(basic.get("project_id"));
    }

    /** The non-empty values of section {@code name}, keys lower-cased; null when there is no such section. */
    private static Map<String, String> section(String text, String name) {
        Map<String, String> values = null;
        boolean in = false;
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                in = line.substring(1, line.length() - 1).strip().equalsIgnoreCase(name);
                if (in && values == null) {
                    values = new HashMap<>();
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (in && eq > 0) {
                String value = line.substring(eq + 1).strip();
                if (!value.isEmpty()) {
                    values.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), value);
                }
            }
        }
        return values;
    }
}
