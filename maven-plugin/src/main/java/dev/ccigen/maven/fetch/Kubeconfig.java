package dev.ccigen.maven.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A context of a kubeconfig file, as {@code kubectl} reads it: the cluster's server and CA, the user's bearer token.
 * Supported: {@code server}, {@code certificate-authority-data}, {@code certificate-authority}, and the user's
 * {@code token} or {@code tokenFile}. Refused, by name: client certificates, {@code exec} and {@code auth-provider}
 * plugins, basic auth, {@code insecure-skip-tls-verify} (give the CA instead).
 *
 * @param server the API server
 * @param caPem  the PEM of the CAs to trust, or null for the JDK's
 * @param token  the bearer token, or null for none
 * @param name   {@code context "kind-kind" of /home/me/.kube/config}, for messages
 */
public record Kubeconfig(URI server, byte[] caPem, String token, String name) {
    private static final List<String> UNSUPPORTED = List.of(
            "client-certificate",
            "client-certificate-data",
            "client-key",
            "client-key-data",
            "exec",
            "auth-provider",
            "username",
            "password");

    /** {@code $KUBECONFIG} (its first file), else {@code ~/.kube/config}. */
    public static Path defaultFile(Function<String, String> environment) {
        String named = environment.apply("KUBECONFIG");
        if (named != null && !named.isBlank()) {
            return Path.of(named.split(File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    /**
     * @param context the context's name, or null for the file's {@code current-context}
     * @throws FetchException naming the file, the context and what is missing or unsupported; never a secret
     */
    public static Kubeconfig read(Path file, String context) throws FetchException {
        JsonNode config;
        try {
            config = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            // Not the parser's message: it quotes the offending line, which may hold a token.
            throw new FetchException(
                    "cannot read kubeconfig " + file + ": " + (Files.exists(file) ? "not valid YAML" : "no such file"));
        }
        String wanted = context == null || context.isBlank()
                ? config.path("current-context").asText("")
                : context;
        String where = "context \"" + wanted + "\" of kubeconfig " + file;
        if (wanted.isEmpty()) {
            throw new FetchException("kubeconfig " + file + " has no current-context: name one with kubeContext");
        }
        JsonNode ctx = named(config, "contexts", wanted, "context", where);
        JsonNode cluster = named(config, "clusters", ctx.path("cluster").asText(""), "cluster", where);
        JsonNode user =
                ctx.hasNonNull("user") ? named(config, "users", ctx.path("user").asText(), "user", where) : null;
        String server = cluster.path("server").asText("");
        if (server.isEmpty()) {
            throw new FetchException(where + ": its cluster has no server");
        }
        if (cluster.path("insecure-skip-tls-verify").asBoolean(false)) {
            throw new FetchException(where + ": insecure-skip-tls-verify is not supported; give the cluster's CA"
                    + " (certificate-authority-data, or caCertificates)");
        }
        Path folder = file.toAbsolutePath().getParent();
        byte[] ca = ca(cluster, folder, where);
        String token = user == null ? null : token(user, folder, where);
        return new Kubeconfig(URI.create(server), ca, token, where);
    }

    /** The cluster's CA: its data, or its file beside the kubeconfig; null for none (the JDK's CAs then). */
    private static byte[] ca(JsonNode cluster, Path folder, String where) throws FetchException {
        try {
            if (cluster.hasNonNull("certificate-authority-data")) {
                return Base64.getMimeDecoder()
                        .decode(cluster.get("certificate-authority-data").asText());
            } else if (cluster.hasNonNull("certificate-authority")) {
                return Files.readAllBytes(
                        folder.resolve(cluster.get("certificate-authority").asText()));
            }
            return null;
        } catch (IllegalArgumentException | IOException e) {
            throw new FetchException(where + ": cannot read its cluster's certificate authority ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The user's bearer token, or null for none; any other way of authenticating is refused by name. */
    private static String token(JsonNode user, Path folder, String where) throws FetchException {
        for (String field : UNSUPPORTED) {
            if (user.has(field)) {
                throw new FetchException(where + ": its user authenticates with " + field + ", which ccigen:fetch does"
                        + " not support; give a bearer token (token or tokenFile in the kubeconfig, or"
                        + " authentication=token with tokenFile or serverId)");
            }
        }
        try {
            return user.hasNonNull("token")
                    ? user.get("token").asText()
                    : user.hasNonNull("tokenFile")
                            ? Files.readString(
                                            folder.resolve(user.get("tokenFile").asText()), StandardCharsets.UTF_8)
                                    .strip()
                            : null;
        } catch (IOException e) {
            throw new FetchException(where + ": cannot read its user's tokenFile ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonNode named(JsonNode config, String list, String name, String field, String where)
            throws FetchException {
        for (JsonNode entry : config.path(list)) {
            if (name.equals(entry.path("name").asText())) {
                return entry.path(field);
            }
        }
        throw new FetchException(where + ": no " + field + " named \"" + name + "\" in its " + list);
    }
}
