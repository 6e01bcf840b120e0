package dev.ccigen.generator.link;

import dev.ccigen.generator.read.ApiSpec;
import dev.ccigen.generator.read.Operation;
import dev.ccigen.generator.read.Parameter;
import dev.ccigen.generator.read.Response;
import dev.ccigen.generator.read.Schema;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the operation-style API: one class per tag (untagged operations go to {@code Default}), one
 * method per operation, named after its operationId (or its method and path when it has none).
 */
final class OperationLinker {

    private final ApiSpec spec;
    private final TypeLinker types;
    private final LinkOptions options;

    OperationLinker(ApiSpec spec, TypeLinker types, LinkOptions options) {
        this.spec = spec;
        this.types = types;
        this.options = options;
    }

    /**
     * The client's operation classes: {@code discovery()} for the server's discovery documents (its API groups and
     * their versions: {@code /api/}, {@code /apis/}, {@code /apis/<group>/}) when there are any, then one class per
     * tag for the other operations.
     *
     * @param takenAccessors the client's accessors already used (by group-versions)
     */
    List<OperationGroupModel> link(List<Operation> discovery, List<Operation> operations, List<String> takenAccessors) {
        Map<String, List<Operation>> byTag = new TreeMap<>();
        for (Operation op : operations) {
            String tag = op.tags().isEmpty() ? "default" : op.tags().get(0);
            byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(op);
        }
        NameAllocator classes = new NameAllocator(true).reserve("Kinds", "ErrorCodes", options.clientName());
        NameAllocator accessors =
                new NameAllocator(false).reserve(Naming.OBJECT_METHODS).reserve("close", "transport", "builder");
        takenAccessors.forEach(accessors::reserve);
        List<OperationGroupModel> result = new ArrayList<>();
        if (!discovery.isEmpty()) {
            String className = classes.allocate("Discovery");
            result.add(group(
                    "discovery",
                    options.apiPackage(),
                    className,
                    accessors.allocate("discovery"),
                    discovery,
                    Set.of(),
                    op -> Naming.accessor(withoutGet(Naming.type(op.operationId()))),
                    true));
        }
        for (var e : byTag.entrySet()) {
            String className = classes.allocate(Naming.type(e.getKey()) + "Api");
            String accessor = Naming.member(e.getKey());
            // a tag named like a group-version (Kubernetes' "core_v1") holds that group-version's other operations
            accessor = accessors.allocate(accessors.isFree(accessor) ? accessor : accessor + "Operations");
            result.add(
                    group(e.getKey(), options.apiPackage(), className, accessor, e.getValue(), Set.of(), null, false));
        }
        return result;
    }

    /**
     * The operations of one group-version that no resource method covers, as methods of its class, named without
     * what the class says: {@code getCoreV1APIResources} is {@code coreV1().apiResources()},
     * {@code connectCoreV1GetNamespacedPodProxy} is {@code coreV1().connectGetNamespacedPodProxy(...)}.
     */
    OperationGroupModel groupVersionOperations(GroupVersionModel gv, List<Operation> ops) {
        Set<String> taken = new java.util.HashSet<>();
        gv.resources().forEach(r -> taken.add(r.accessor()));
        return group(
                gv.groupVersion(),
                gv.packageName(),
                gv.className(),
                gv.accessor(),
                ops,
                taken,
                op -> {
                    String shorter = withoutClassName(Naming.type(op.operationId()), gv.className());
                    return shorter == null ? null : Naming.accessor(withoutGet(shorter));
                },
                false);
    }

    /**
     * {@code operationId} (as a type name) without {@code className} where it holds it as a word
     * ({@code GetCoreV1APIResources}, {@code CoreV1} → {@code GetAPIResources}); null where it does not.
     */
    static String withoutClassName(String operationId, String className) {
        for (int at = operationId.indexOf(className); at >= 0; at = operationId.indexOf(className, at + 1)) {
            int end = at + className.length();
            if (end < operationId.length() && Character.isUpperCase(operationId.charAt(end))) {
                return operationId.substring(0, at) + operationId.substring(end);
            }
        }
        return null;
    }

    /** {@code GetAPIResources} → {@code APIResources}: a getter's name says what it gets, as {@code pods()} does. */
    static String withoutGet(String typeName) {
        return typeName.startsWith("Get") && typeName.length() > 3 && Character.isUpperCase(typeName.charAt(3))
                ? typeName.substring(3)
                : typeName;
    }

    /**
     * @param takenMethods method names the class has already (a group-version's resource accessors)
     * @param naming       the method name of an operation that has an operationId, or null for the operationId's own
     * @param discovery    whether these are the server's discovery documents ({@code client.discovery()})
     */
    private OperationGroupModel group(
            String tag,
            String packageName,
            String className,
            String accessor,
            List<Operation> ops,
            Set<String> takenMethods,
            java.util.function.Function<Operation, String> naming,
            boolean discovery) {
        List<Operation> sorted = new ArrayList<>(ops);
        sorted.sort((a, b) -> (a.path() + " " + a.method()).compareTo(b.path() + " " + b.method()));
        // Types first, so the imports can be planned before anything is written. Keyed by identity: an operation's
        // record equality would hash its whole tree of parameters, schemas and extensions on every lookup.
        Map<Operation, Map<Parameter, JavaType>> paramTypes = new IdentityHashMap<>();
        Map<Operation, JavaType> returnTypes = new IdentityHashMap<>();
        Set<String> referenced = new TreeSet<>();
        for (Operation op : sorted) {
            // An inline object in a body or response becomes a model class named after the operation.
            String owner = options.modelPackage() + "."
                    + Naming.type(op.operationId() != null ? op.operationId() : op.method() + "-" + op.path());
            Map<Parameter, JavaType> pt = new IdentityHashMap<>();
            for (Parameter p : op.parameters()) {
                JavaType t = "body".equals(p.in()) ? types.typeOf(p.schema(), owner, "Body") : parameterType(p);
                pt.put(p, t);
                t.collect(referenced);
            }
            paramTypes.put(op, pt);
            Schema success = op.successSchema();
            JavaType rt = success == null ? JavaType.of("java.lang.Void") : types.typeOf(success, owner, "Response");
            returnTypes.put(op, rt);
            rt.collect(referenced);
        }
        Set<String> inScope = new java.util.HashSet<>(Imports.RUNTIME_NAMES);
        inScope.add(className);
        Set<String> collections = new TreeSet<>(referenced);
        collections.retainAll(Set.of("java.util.List", "java.util.Map")); // the templates' own names for them
        Imports plan = Imports.plan(packageName, inScope, referenced, collections);
        NameAllocator methods = new NameAllocator(false).reserve(Naming.OBJECT_METHODS);
        takenMethods.forEach(methods::reserve);
        List<OperationGroupModel.OperationModel> models = new ArrayList<>();
        for (Operation op : sorted) {
            String named = naming == null || op.operationId() == null ? null : naming.apply(op);
            String wanted = named != null
                    ? named
                    : op.operationId() != null
                            ? Naming.member(op.operationId())
                            : Naming.member(op.method() + "-" + op.path());
            models.add(operation(op, methods.allocate(wanted), methods, paramTypes.get(op), returnTypes.get(op), plan));
        }
        return new OperationGroupModel(
                JavaText.literal(tag),
                packageName,
                className,
                accessor,
                discovery,
                imports(plan, collections, models),
                models);
    }

    /**
     * Every class an operation class writes by simple name, sorted as the project's own code is: the model and JDK
     * classes of its signatures, and what operations.java.mustache and the partial operation.mustache use.
     */
    private List<String> imports(
            Imports plan, Set<String> collections, List<OperationGroupModel.OperationModel> operations) {
        Set<String> imports = new TreeSet<>(plan.imports());
        imports.addAll(collections);
        imports.add(options.runtimePackage() + ".Transport");
        if (!operations.isEmpty()) {
            imports.add(options.runtimePackage() + ".Request");
        }
        if (operations.stream().anyMatch(o -> o.returnTypeToken().startsWith("new TypeReference"))) {
            imports.add("com.fasterxml.jackson.core.type.TypeReference");
        }
        if (operations.stream().anyMatch(o -> o.withResponseMethod() != null)) {
            imports.add(options.runtimePackage() + ".ApiResponse");
        }
        return List.copyOf(imports);
    }

    private OperationGroupModel.OperationModel operation(
            Operation op,
            String name,
            NameAllocator methods,
            Map<Parameter, JavaType> types,
            JavaType returnType,
            Imports plan) {
        String requestMethod = methods.allocate(name + "Request");
        Parameters parameters = parameters(op, types, plan);
        int success = 200;
        List<String> headers = new ArrayList<>();
        for (Response r : op.responses()) {
            if (r.status().startsWith("2")) {
                success = parseStatus(r.status());
                r.headers().keySet().forEach(h -> headers.add(JavaText.literal(h)));
                break;
            }
        }
        boolean none = returnType.qualifiedName().equals("java.lang.Void");
        String rendered = none ? "void" : plan.render(returnType);
        return OperationGroupModel.OperationModel.builder()
                .operationId(JavaText.literal(String.valueOf(op.operationId())))
                .methodName(name)
                .httpMethod(op.method().toUpperCase(java.util.Locale.ROOT))
                .path(JavaText.literal(spec.pathPrefix() + op.path()))
                .javadoc(JavaText.javadoc(description(op)))
                .deprecated(op.deprecated())
                .signature(String.join(
                        ", ",
                        parameters.all.stream()
                                .map(m -> m.javaType() + " " + m.name())
                                .toList()))
                .arguments(String.join(
                        ", ",
                        parameters.all.stream()
                                .map(OperationGroupModel.ParameterModel::name)
                                .toList()))
                .requestMethod(requestMethod)
                .withResponseMethod(headers.isEmpty() ? null : methods.allocate(name + "WithResponse"))
                .parameters(parameters.all)
                .pathParameters(parameters.path)
                .queryParameters(parameters.query)
                .headerParameters(parameters.header)
                .formParameters(parameters.form)
                .body(parameters.body)
                .formEncoding(parameters.formEncoding(op))
                .contentType(JavaText.literal(contentType(op)))
                .accept(accept(op))
                .returnType(rendered)
                .boxedReturnType(none ? "Void" : rendered)
                .returnTypeToken(
                        none
                                ? "Void.class"
                                : returnType.arguments().isEmpty()
                                        ? rendered + ".class"
                                        : "new TypeReference<" + rendered + ">() {}")
                .successStatus(success)
                .responseHeaders(headers)
                .build();
    }

    /** An operation's parameters, all of them (the required ones first) and by where they go. */
    private static final class Parameters {
        final List<OperationGroupModel.ParameterModel> all = new ArrayList<>();
        final List<OperationGroupModel.ParameterModel> path = new ArrayList<>();
        final List<OperationGroupModel.ParameterModel> query = new ArrayList<>();
        final List<OperationGroupModel.ParameterModel> header = new ArrayList<>();
        final List<OperationGroupModel.ParameterModel> form = new ArrayList<>();
        OperationGroupModel.ParameterModel body;
        boolean fileUpload;

        void add(OperationGroupModel.ParameterModel m, Parameter p) {
            all.add(m);
            switch (p.in()) {
                case "path" -> path.add(m);
                case "query" -> query.add(m);
                case "header" -> header.add(m);
                case "body" -> body = m;
                default -> {
                    form.add(m);
                    fileUpload |= p.schema() != null && "file".equals(p.schema().type());
                }
            }
        }

        /** Multipart with a file among the form parameters or when the operation consumes it; null without any. */
        String formEncoding(Operation op) {
            if (form.isEmpty()) {
                return null;
            }
            return fileUpload || op.consumes().contains("multipart/form-data")
                    ? "multipart/form-data"
                    : "application/x-www-form-urlencoded";
        }
    }

    private static Parameters parameters(Operation op, Map<Parameter, JavaType> types, Imports plan) {
        NameAllocator names = new NameAllocator(false);
        Parameters parameters = new Parameters();
        List<Parameter> ordered = new ArrayList<>(op.parameters());
        ordered.sort((a, b) -> Boolean.compare(!a.required(), !b.required())); // required ones first, else stable
        for (Parameter p : ordered) {
            parameters.add(parameter(p, types.get(p), names, plan), p);
        }
        return parameters;
    }

    private static OperationGroupModel.ParameterModel parameter(
            Parameter p, JavaType t, NameAllocator names, Imports plan) {
        boolean list = t.qualifiedName().equals("java.util.List");
        String format = p.collectionFormat() == null ? "csv" : p.collectionFormat();
        // A list goes either as one parameter per item (multi: query and form only) or as one separated value.
        boolean multi = list && format.equals("multi") && (p.in().equals("query") || p.in().equals("formData"));
        String separator = !list || multi || p.in().equals("body")
                ? null
                : JavaText.literal(
                        switch (format) {
                            case "ssv" -> " ";
                            case "tsv" -> "\t";
                            case "pipes" -> "|";
                            default -> ",";
                        });
        return new OperationGroupModel.ParameterModel(
                names.allocate(Naming.member(p.name())),
                JavaText.literal(p.name()),
                plan.render(t),
                p.required(),
                p.in(),
                JavaText.javadoc(p.description()),
                multi,
                separator);
    }

    private String contentType(Operation op) {
        if (!op.consumes().isEmpty()) {
            return op.consumes().get(0);
        }
        return spec.consumes().isEmpty() ? "application/json" : spec.consumes().get(0);
    }

    /**
     * The client decodes JSON and asks for it; an operation that produces no JSON at all (text, a file) is asked for
     * what it produces, so that a strict server does not answer 406.
     */
    private String accept(Operation op) {
        List<String> produces = op.produces().isEmpty() ? spec.produces() : op.produces();
        return produces.isEmpty() || produces.stream().anyMatch(m -> m.contains("json"))
                ? null
                : JavaText.literal(String.join(", ", produces));
    }

    /** The summary, then the description when it says more. */
    private static String description(Operation op) {
        return op.summary() != null
                        && op.description() != null
                        && !op.description().equals(op.summary())
                ? op.summary() + "\n\n" + op.description()
                : op.summary() != null ? op.summary() : op.description();
    }

    private static JavaType parameterType(Parameter p) {
        return parameterType(p.schema(), 0);
    }

    /** A path, query, header or form parameter's type; a list's items typed the same way. */
    private static JavaType parameterType(Schema s, int depth) {
        String type = s == null || s.type() == null || depth > 8 ? "string" : s.type();
        return switch (type) {
            case "integer" -> JavaType.of("int32".equals(s.format()) ? "java.lang.Integer" : "java.lang.Long");
            case "number" -> JavaType.of("float".equals(s.format()) ? "java.lang.Float" : "java.lang.Double");
            case "boolean" -> JavaType.of("java.lang.Boolean");
            case "array" -> JavaType.listOf(parameterType(s.items(), depth + 1));
            case "file" -> JavaType.BYTES;
            default -> JavaType.STRING;
        };
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 200;
        }
    }
}
