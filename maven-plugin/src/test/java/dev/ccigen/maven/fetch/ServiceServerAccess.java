package dev.ccigen.maven.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** {@link ServiceServer} for the tests of the goal, in another package. */
public final class ServiceServerAccess implements AutoCloseable {
    public static final String IAM_PASSWORD = ServiceServer.IAM_PASSWORD;
    public static final String BEARER = ServiceServer.BEARER;
    private final ServiceServer server;

    private ServiceServerAccess(ServiceServer server) {
        this.server = server;
    }

    /** CCI's document and listings of specs/, behind {@code auth} (NONE, IAM, AKSK or BEARER). */
    public static ServiceServerAccess cci(String auth) throws IOException {
        Path cci = Path.of("../specs/cci");
        return new ServiceServerAccess(new ServiceServer(
                cci.resolve("openapi-v2.json"), cci.resolve("discovery"), ServiceServer.Auth.valueOf(auth)));
    }

    public URI uri() {
        return server.uri();
    }

    /** Responses that replace the files', by path. */
    public Map<String, String> replaced() {
        return server.replaced;
    }

    @Override
    public void close() {
        server.close();
    }
}
