package dev.ccigen.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A command that did not run to an exit code: the server's Status said why ({@code executable file not found},
 * {@code container not found}), or the connection ended without one. A command that ran and exited non-zero is no
 * exception: its code is {@link ExecResult#exitCode()}.
 */
public class ExecFailedException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final String what;

    /** @param status the Status text from the server (at most 64 KiB), or empty when none came */
    public ExecFailedException(URI uri, String status, String what) {
        super("GET", uri, 0, Map.of(), status, null);
        this.what = what;
    }

    @Override
    public String getMessage() {
        return "GET " + uri() + ": " + what;
    }

    /**
     * The exit code the Status channel reports: 0 for {@code Success}, the {@code ExitCode} cause of a
     * {@code NonZeroExitCode} failure.
     *
     * @param failure how the connection ended, null when it closed
     * @throws ExecFailedException for any other Status, or none
     * @throws TransportException when the connection failed before a Status came
     */
    static int exitCode(URI uri, byte[] statusBytes, IOException failure) {
        String text = new String(statusBytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            if (failure != null) {
                throw new TransportException("GET", uri, failure);
            }
            throw new ExecFailedException(uri, text, "the connection closed without an exit status");
        }
        Status status = parse(text);
        if (status == null || status.getStatus() == null) {
            throw new ExecFailedException(
                    uri, text, "the command failed: " + ErrorBody.excerpt(text)); // the v1 protocol's text
        }
        if ("Success".equals(status.getStatus())) {
            return 0;
        }
        if ("NonZeroExitCode".equals(status.getReason()) && status.getDetails() != null) {
            List<Status.Cause> causes = status.getDetails().getCauses();
            for (Status.Cause cause : causes) {
                if ("ExitCode".equals(cause.getReason())) {
                    try {
                        return Integer.parseInt(cause.getMessage().trim());
                    } catch (RuntimeException e) {
                        break; // not a number: reported as the failure it is
                    }
                }
            }
        }
        throw new ExecFailedException(
                uri,
                text,
                "the command failed: "
                        + (status.getMessage() == null ? status.getReason() : ErrorBody.excerpt(status.getMessage())));
    }

    /** The Status, which kubelets send without {@code kind} ({@code {"metadata":{},"status":"Success"}}); null if not JSON. */
    private static Status parse(String text) {
        try {
            return Json.mapper().readValue(text, Status.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
