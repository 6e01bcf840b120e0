package dev.ccigen.generator.link;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.read.ApiSpec;
import dev.ccigen.generator.read.Discovery;
import dev.ccigen.generator.read.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The link stage: joins the document and the listings into one {@link ApiModel}, deciding every Java name
 * on the way. Types first (every later part refers to them), then the resource-style API, then the
 * operation-style API for whatever operations no resource took.
 */
public final class Linker {

    public ApiModel link(ApiSpec spec, Discovery discovery, LinkOptions options, Problems problems) {
        TypeLinker types = new TypeLinker(spec, options.modelPackage(), options.runtimePackage(), problems);
        var typeModels = types.link();
        ResourceLinker resources = new ResourceLinker(spec, types, options, problems);
        List<GroupVersionModel> groupVersions = resources.link(discovery);
        // One surface: an operation no resource method covers goes to its group-version's class when it has one
        // (coreV1().apiResources()); the server's discovery documents to client.discovery(); the rest to the class of
        // its tag.
        Map<String, List<Operation>> byGroupVersion = new TreeMap<>();
        groupVersions.forEach(gv -> byGroupVersion.put(gv.group() + "/" + gv.version(), new ArrayList<>()));
        List<Operation> tagged = new ArrayList<>();
        List<Operation> discoveryDocuments = new ArrayList<>();
        for (Operation op : spec.operations()) {
            if (resources.usedOperations().contains(op)
                    || !served(op, discovery, options)
                    || needsWebSocket(op, problems, spec)) {
                continue;
            }
            if (isDiscovery(op)) {
                discoveryDocuments.add(op);
                continue;
            }
            String[] gv = PathShape.groupVersionOf(op.path());
            List<Operation> ofGroupVersion =
                    gv == null || gv[1] == null ? null : byGroupVersion.get(gv[0] + "/" + gv[1]);
            (ofGroupVersion != null ? ofGroupVersion : tagged).add(op);
        }
        OperationLinker operationLinker = new OperationLinker(spec, types, options);
        groupVersions = groupVersions.stream()
                .map(gv -> {
                    List<Operation> ops = byGroupVersion.get(gv.group() + "/" + gv.version());
                    return ops.isEmpty() ? gv : gv.withOperations(operationLinker.groupVersionOperations(gv, ops));
                })
                .toList();
        List<OperationGroupModel> operationGroups = operationLinker.link(
                discoveryDocuments,
                tagged,
                groupVersions.stream().map(GroupVersionModel::accessor).toList());
        List<TypeModel> late = types.late();
        if (!late.isEmpty()) {
            typeModels = new ArrayList<>(typeModels);
            typeModels.addAll(late);
            typeModels.sort(Comparator.comparing(TypeModel::qualifiedName));
        }
        return ApiModel.builder(options)
                .title(spec.title() == null ? "" : JavaText.literal(spec.title()))
                .version(spec.version() == null ? "" : JavaText.literal(spec.version()))
                .javadoc(JavaText.javadoc(spec.description()))
                .defaultEndpoint(defaultEndpoint(spec, problems))
                .types(typeModels)
                .groupVersions(groupVersions)
                .operationGroups(operationGroups)
                .kinds(types.kinds())
                .errorCodes(errorCodes(spec, problems))
                .build();
    }

    /** {@code https://host} (or the document's only scheme), from {@code host} and {@code schemes}; null without a host. */
    private static String defaultEndpoint(ApiSpec spec, Problems problems) {
        String host = spec.host();
        if (host == null || host.isBlank()) {
            return null;
        }
        if (!host.strip().matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?")) {
            problems.warning(
                    spec.source(),
                    "/host",
                    "\"" + host + "\" is not a host name (with an optional port); the client "
                            + "gets no default endpoint");
            return null;
        }
        List<String> schemes = spec.schemes();
        String scheme = schemes.isEmpty() || schemes.contains("https") ? "https" : schemes.get(0);
        return JavaText.literal(scheme + "://" + host.strip());
    }

    /**
     * A GET of one of the documents that say which API groups and versions the server serves: {@code /api/} (the core
     * group's versions), {@code /apis/} (every group), {@code /apis/<group>/} (one group); a group-version's own
     * ({@code /api/v1/}) belongs to its class.
     */
    private static boolean isDiscovery(Operation op) {
        if (!op.method().equals("get") || op.operationId() == null) {
            return false;
        }
        String path = op.path().endsWith("/") ? op.path() : op.path() + "/";
        String[] gv = PathShape.groupVersionOf(path);
        return path.equals("/apis/") || gv != null && gv[1] == null && !path.contains("{");
    }

    /**
     * Kubernetes' exec, attach and portforward upgrade the connection to a WebSocket: the resources the listings grant
     * them to took them (a method each); as plain HTTP calls the rest cannot work, so they get no method (said in the
     * report) rather than one that always fails.
     */
    private static boolean needsWebSocket(Operation op, Problems problems, ApiSpec spec) {
        PathShape shape = PathShape.of(op.path());
        if (shape == null
                || !"connect".equals(op.kubernetesAction())
                || !ResourceLinker.WEBSOCKET_SUBRESOURCES.contains(String.valueOf(shape.subresource()))) {
            return false;
        }
        problems.info(
                spec.source(),
                null,
                "left out, a WebSocket subresource no listed resource is granted: "
                        + op.method().toUpperCase(java.util.Locale.ROOT) + " " + op.path());
        return true;
    }

    /**
     * An operation left to the operation-style API is kept unless it belongs to a resource path of a
     * group-version the listings (or the group filter) leave out: what is not served is not generated.
     */
    private static boolean served(Operation op, Discovery discovery, LinkOptions options) {
        String[] groupVersion = PathShape.groupVersionOf(op.path());
        if (groupVersion != null && groupVersion[1] == null) { // a group's discovery endpoint
            boolean listed = discovery != null
                    && discovery.groupVersions().stream()
                            .anyMatch(gv -> gv.group().equals(groupVersion[0]));
            return options.includesGroup(groupVersion[0]) && (discovery == null || !discovery.complete() || listed);
        }
        if (groupVersion != null
                && (!options.includes(groupVersion[0], groupVersion[1])
                        || decides(discovery, groupVersion[0], groupVersion[1])
                                && discovery.find(groupVersion[0], groupVersion[1]) == null)) {
            return false; // a group-version the listings do not serve
        }
        PathShape shape = PathShape.of(op.path());
        if (shape == null) {
            return true;
        }
        if (!options.includes(shape.group(), shape.version())) {
            return false;
        }
        if (op.kubernetesAction() != null && !"connect".equals(op.kubernetesAction())) {
            return false; // a resource verb no listing granted
        }
        return !decides(discovery, shape.group(), shape.version())
                || discovery.find(shape.group(), shape.version()) != null;
    }

    /**
     * Whether the listings decide what a group-version serves: when there are listings of the server, or (beside a
     * document without listings) when they list that group-version, a CRD's.
     */
    private static boolean decides(Discovery discovery, String group, String version) {
        return discovery != null && (discovery.complete() || discovery.find(group, version) != null);
    }

    private static List<ApiModel.ErrorCodeModel> errorCodes(ApiSpec spec, Problems problems) {
        JsonNode table = spec.extensions().get("x-ccigen-error-codes");
        if (table == null) {
            return List.of();
        }
        if (!table.isArray()) {
            problems.error(
                    spec.source(), "/x-ccigen-error-codes", "expected a list of {code, status, message, meaning}");
            return List.of();
        }
        Map<String, ApiModel.ErrorCodeModel> byCode = new TreeMap<>();
        for (int i = 0; i < table.size(); i++) {
            JsonNode row = table.get(i);
            String code = row.path("code").asText(null);
            if (code == null || !row.path("status").canConvertToInt()) {
                problems.error(
                        spec.source(), "/x-ccigen-error-codes/" + i, "an error code needs a code and a numeric status");
                continue;
            }
            if (byCode.putIfAbsent(
                            code,
                            new ApiModel.ErrorCodeModel(
                                    JavaText.literal(code),
                                    row.path("status").asInt(),
                                    JavaText.literal(row.path("message").asText("")),
                                    JavaText.literal(row.path("meaning").asText(""))))
                    != null) {
                problems.warning(
                        spec.source(),
                        "/x-ccigen-error-codes/" + i,
                        "error code " + code + " is listed twice; the first is kept");
            }
        }
        return List.copyOf(byCode.values());
    }
}
