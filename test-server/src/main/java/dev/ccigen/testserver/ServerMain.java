package dev.ccigen.testserver;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * A test server outside a test, to look at with kubectl or curl: what the generated server's {@code main} runs.
 *
 * <pre>
 * --port N            listen on port N of the loopback interface (default: any free port)
 * --no-auth           let every request in (default: IAM tokens, AK/SK pairs given with --aksk, bearer tokens)
 * --token T           accept T as a token (X-Auth-Token or Bearer), and write it into the kubeconfig
 * --aksk AK:SK        accept requests signed with this access key pair
 * --manifests PATH    load a manifest file, or a folder of them (JSON or YAML), at start; may be repeated
 * --kubeconfig FILE   write the kubeconfig there too
 * </pre>
 *
 * It prints where it listens, what it loaded, and a kubeconfig for it; it runs until the process is stopped.
 */
public final class ServerMain {
    private ServerMain() {}

    /** Runs a server as {@code args} say until the process ends; a bad argument prints the usage and exits 2. */
    public static void run(String[] args, String name, IntFunction<? extends ApiTestServer> start) {
        ApiTestServer server;
        try {
            server = start(args, name, start, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println(usage(name));
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, name + "-stop"));
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }

    /**
     * Starts a server as {@code args} say and prints about it on {@code out}.
     *
     * @throws IllegalArgumentException for an argument it does not know, or a manifest it cannot load
     */
    public static ApiTestServer start(
            String[] args, String name, IntFunction<? extends ApiTestServer> start, PrintStream out) {
        Options o = Options.parse(args);
        ApiTestServer server = start.apply(o.port);
        try {
            server.gateway().required(o.auth);
            if (o.token != null) {
                server.acceptToken(o.token);
            }
            o.akSk.forEach(p -> server.acceptAkSk(p[0], p[1]));
            out.println(name + " listening on " + server.uri() + (o.auth ? "" : " (no authentication)"));
            for (Path m : o.manifests) {
                out.println("loaded " + server.load(m).size() + " objects from " + m);
            }
            String config = server.kubeconfig();
            if (o.token != null) {
                config = config.replaceFirst("token: .*", "token: " + o.token);
            }
            if (o.kubeconfig != null) {
                Path parent = o.kubeconfig.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(o.kubeconfig, config, StandardCharsets.UTF_8);
                out.println("kubeconfig written to " + o.kubeconfig + " (KUBECONFIG=" + o.kubeconfig
                        + " kubectl get pods)");
            }
            out.print("---\n" + config + "---\n");
            out.println("Ctrl-C stops it.");
            out.flush();
            return server;
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot write " + o.kubeconfig, e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The arguments, read. */
    private static final class Options {
        int port;
        boolean auth = true;
        String token;
        final List<String[]> akSk = new ArrayList<>();
        final List<Path> manifests = new ArrayList<>();
        Path kubeconfig;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--no-auth" -> o.auth = false;
                    case "--port" -> o.port = number(value(args, ++i, arg));
                    case "--token" -> o.token = value(args, ++i, arg);
                    case "--aksk" -> {
                        String[] pair = value(args, ++i, arg).split(":", 2);
                        if (pair.length != 2) {
                            throw new IllegalArgumentException("--aksk takes AK:SK");
                        }
                        o.akSk.add(pair);
                    }
                    case "--manifests" -> o.manifests.add(Path.of(value(args, ++i, arg)));
                    case "--kubeconfig" -> o.kubeconfig = Path.of(value(args, ++i, arg));
                    case "--help", "-h" -> throw new IllegalArgumentException("how to run it:");
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            return o;
        }
    }

    static String usage(String name) {
        return "usage: " + name + " [--port N] [--no-auth] [--token T] [--aksk AK:SK] [--manifests PATH]..."
                + " [--kubeconfig FILE]";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port takes a port number, not " + text);
        }
    }
}
