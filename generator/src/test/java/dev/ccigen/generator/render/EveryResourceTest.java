package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ccigen.generator.GeneratedKubernetes;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.GroupVersionModel;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.link.ResourceModel;
import dev.ccigen.generator.problem.Problems;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every resource class of the generated Kubernetes 1.20 client is constructed through the client, and one verb it
 * was granted is called against a loopback server: the request must go to the resource's path. Catches a resource
 * class that cannot even be constructed (Kubernetes' bindings have no list verb, hence no list type).
 */
class EveryResourceTest {

    @Test
    void everyResourceAnswersOneOfItsVerbs() throws Exception {
        GeneratedKubernetes k8s = GeneratedKubernetes.get();
        assertTrue(
                k8s.compilation.success(),
                () -> k8s.compilation.errors().stream().limit(5).toList().toString());
        ApiModel model = new Generator()
                .model(
                        new GeneratorConfig(
                                TestDocs.kubernetes(),
                                TestDocs.kubernetesListings(),
                                Path.of("unused"),
                                null,
                                LinkOptions.defaults(GeneratedKubernetes.BASE),
                                false),
                        new Problems());

        List<String> seen = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            synchronized (seen) {
                seen.add(exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getRawPath());
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Class<?> clientClass = k8s.load(model.clientName());
        Object builder = clientClass.getMethod("builder").invoke(null);
        builder.getClass()
                .getMethod("endpoint", URI.class)
                .invoke(
                        builder,
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        Object client = builder.getClass().getMethod("build").invoke(builder);
        Method mapper = dev.ccigen.runtime.Json.class.getMethod("mapper");
        Object json = mapper.invoke(null);
        int called = 0;
        try {
            for (GroupVersionModel gv : model.groupVersions()) {
                Object groupVersion = clientClass.getMethod(gv.accessor()).invoke(client);
                for (ResourceModel r : gv.resources()) {
                    Object resource = r.namespaced()
                            ? groupVersion
                                    .getClass()
                                    .getMethod(r.accessor(), String.class)
                                    .invoke(groupVersion, "ns")
                            : groupVersion.getClass().getMethod(r.accessor()).invoke(groupVersion);
                    String collection = gv.pathPrefix() + (r.namespaced() ? "/namespaces/ns/" : "/") + r.plural();
                    String expected = callOneVerb(r, resource, json, k8s);
                    String last;
                    synchronized (seen) {
                        last = seen.get(seen.size() - 1);
                    }
                    assertEquals(
                            expected + " " + collection + (expected.equals("POST") || !r.get() ? "" : "/x"),
                            last,
                            r.plural() + " of " + gv.groupVersion());
                    called++;
                    if (r.allNamespaces() != null) {
                        Object view =
                                groupVersion.getClass().getMethod(r.accessor()).invoke(groupVersion);
                        view.getClass()
                                .getMethod(r.allNamespaces().list() ? "list" : "watch")
                                .invoke(view);
                        synchronized (seen) {
                            last = seen.get(seen.size() - 1);
                        }
                        assertEquals("GET " + gv.pathPrefix() + "/" + r.plural(), last, r.plural() + " everywhere");
                    }
                }
            }
        } finally {
            server.stop(0);
            ((AutoCloseable) client).close();
        }
        assertTrue(called > 30, "only " + called + " resources");
        assertTrue(seen.contains("POST /api/v1/namespaces/ns/bindings"), seen::toString);
    }

    /**
     * Scope in the types: a namespaced resource across all namespaces is a class of its own with only what Kubernetes
     * serves there (list, listAll, watch, inform), so {@code deployments().get("web")} does not compile; it calls the
     * path without a namespace. A cluster-scoped resource, or one with neither list nor watch (bindings), has no such
     * view.
     */
    @Test
    void theAllNamespacesViewHasOnlyWhatKubernetesServesAcrossNamespaces(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        GeneratedKubernetes k8s = GeneratedKubernetes.get();
        Class<?> appsV1 = k8s.load("api.apps.v1.AppsV1");
        assertEquals(
                "DeploymentsInAllNamespaces",
                appsV1.getMethod("deployments").getReturnType().getSimpleName());
        assertEquals(
                "Deployments",
                appsV1.getMethod("deployments", String.class).getReturnType().getSimpleName());
        Class<?> coreV1 = k8s.load("api.core.v1.CoreV1");
        assertTrue(
                java.util.Arrays.stream(coreV1.getMethods())
                        .noneMatch(m -> m.getName().equals("bindings") && m.getParameterCount() == 0),
                "bindings have neither list nor watch");
        assertEquals("Nodes", coreV1.getMethod("nodes").getReturnType().getSimpleName());
        java.util.Set<String> verbs = new java.util.TreeSet<>();
        int views = 0;
        for (Path file : java.nio.file.Files.walk(k8s.sources)
                .filter(f -> f.toString().endsWith("InAllNamespaces.java"))
                .toList()) {
            String name = k8s.sources.relativize(file).toString().replace(java.io.File.separatorChar, '.');
            Class<?> view = Class.forName(name.substring(0, name.length() - ".java".length()), true, k8s.loader);
            for (Method m : view.getDeclaredMethods()) {
                if (java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                    verbs.add(m.getName());
                }
            }
            views++;
        }
        assertTrue(views > 20, "views: " + views);
        assertEquals(java.util.Set.of("inform", "list", "listAll", "toString", "watch"), verbs);

        Path snippet = dir.resolve("src/use/AllNamespaces.java");
        java.nio.file.Files.createDirectories(snippet.getParent());
        java.nio.file.Files.writeString(
                snippet,
                "package use;\n"
                        + "class AllNamespaces {\n"
                        + "    Object get(io.example.k8s.ApiClient client) {\n"
                        + "        return client.appsV1().deployments().get(\"web\");\n"
                        + "    }\n"
                        + "}\n");
        dev.ccigen.generator.Compiler.Result wrong = dev.ccigen.generator.Compiler.compile(
                dir.resolve("src"),
                dir.resolve("classes"),
                List.of(k8s.sources.getParent().resolve("classes")));
        assertTrue(
                !wrong.success() && wrong.errors().toString().contains("cannot find symbol"), wrong.errors()::toString);
    }

    /**
     * One type per concept: Kubernetes' Status, DeleteOptions and WatchEvent are the runtime's, so no simple name is
     * in both {@code model.meta.v1} and {@code runtime} and a user may import both packages whole.
     */
    @Test
    void theMetaModelAndTheRuntimeShareNoName() throws Exception {
        GeneratedKubernetes k8s = GeneratedKubernetes.get();
        java.util.Set<String> meta = simpleNames(k8s.sources.resolve("io/example/k8s/model/meta/v1"));
        java.util.Set<String> runtime = new java.util.TreeSet<>();
        for (String t :
                new dev.ccigen.generator.render.TemplateSet(null, getClass().getClassLoader()).list("runtime/")) {
            runtime.add(t.substring("runtime/".length(), t.length() - ".java.mustache".length()));
        }
        assertTrue(meta.contains("ObjectMeta") && runtime.contains("Status") && runtime.contains("DeleteOptions"));
        meta.retainAll(runtime);
        assertEquals(java.util.Set.of(), meta);
    }

    private static java.util.Set<String> simpleNames(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.map(f -> f.getFileName().toString().replace(".java", ""))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    /** Calls get, else list, else create; returns the HTTP method that must have gone out. */
    private static String callOneVerb(ResourceModel r, Object resource, Object json, GeneratedKubernetes k8s)
            throws Exception {
        Class<?> c = resource.getClass();
        if (r.get()) {
            c.getMethod("get", String.class).invoke(resource, "x");
            return "GET";
        }
        if (r.list()) {
            c.getMethod("list").invoke(resource);
            return "GET";
        }
        assertTrue(r.create(), r.plural() + " has neither get, list nor create");
        Class<?> type = k8s.loader.loadClass(r.imports().stream()
                .filter(i -> i.endsWith("." + r.type()))
                .findFirst()
                .orElse(r.type()));
        Object object = json.getClass()
                .getMethod("readValue", String.class, Class.class)
                .invoke(json, "{}", type);
        c.getMethod("create", type).invoke(resource, object);
        return "POST";
    }
}
