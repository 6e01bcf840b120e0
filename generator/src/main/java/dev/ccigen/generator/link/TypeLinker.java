package dev.ccigen.generator.link;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.read.ApiSpec;
import dev.ccigen.generator.read.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides the model classes: which definitions become classes, their names, packages, properties and
 * Java types. Schemas that are not objects with properties (strings, maps, IntOrString, Quantity, Time,
 * schema-less objects) never become classes: a reference to them is replaced by the Java type they map to.
 *
 * <p>Type mapping: string → String (date-time → OffsetDateTime, date → LocalDate, byte → byte[],
 * int-or-string → IntOrString); integer → Integer (int32) or Long; number → Float (float) or Double;
 * boolean → Boolean; array → List; object with additionalProperties → Map&lt;String, T&gt;; object with
 * properties → a class (inline ones are named after their owner and property); Kubernetes' Quantity →
 * Quantity; x-kubernetes-preserve-unknown-fields or no schema → JsonNode. A list of types (published documents write
 * {@code ["string", "number"]}) is IntOrString when it is string and numbers in a document that defines Kubernetes'
 * IntOrString, else JsonNode; a nullable type (with {@code "null"} listed, or {@code x-nullable}) is the type itself.
 */
final class TypeLinker {
    /** Simple names no model class may take: the generated code uses them unqualified. */
    private static final Set<String> RESERVED_CLASS_NAMES = Set.of(
            "Object",
            "String",
            "Integer",
            "Long",
            "Boolean",
            "Double",
            "Float",
            "Byte",
            "Short",
            "Character",
            "Number",
            "Void",
            "Class",
            "Enum",
            "Record",
            "Override",
            "Deprecated",
            "SuppressWarnings",
            "Iterable",
            "Exception",
            "RuntimeException",
            "IllegalArgumentException",
            "IllegalStateException",
            "Error",
            "Math",
            "System",
            "StringBuilder",
            "CharSequence",
            "List",
            "Map",
            "Objects",
            "Arrays",
            "LinkedHashMap",
            "StringJoiner",
            "Optional",
            "JsonNode",
            "JsonProperty",
            "JsonAutoDetect",
            "JsonAnyGetter",
            "JsonAnySetter",
            "JsonCreator",
            "JsonIgnore",
            "JsonSerialize",
            "JsonInclude",
            "OffsetDateTime",
            "LocalDate",
            "IntOrString",
            "Quantity",
            "KubernetesObject",
            "KubernetesList",
            "Rfc3339",
            "Builder",
            "Visibility",
            "Json",
            "Kinds",
            "ModelObject",
            "ModelBuilder",
            "Consumer");

    private static final String CONSUMER = "java.util.function.Consumer";
    /** The ends of abbreviations whose period ends no sentence ({@code e.g.}, {@code i.e.}, {@code etc.}, {@code vs.}). */
    private static final String[] ABBREVIATIONS = {"e.g", "i.e", "etc", "vs"};
    /**
     * Kubernetes' meta types the runtime carries itself, so that a user meets one {@code Status}, one
     * {@code DeleteOptions} and one {@code WatchEvent}: a reference to one of these definitions is the runtime's class
     * (what {@code ApiException.status()} returns is what {@code delete} returns), and no model class is generated.
     * The runtime's {@code WatchEvent} is generic and comes from {@code watch()}: anywhere else the event is JSON.
     */
    private static final Map<String, String> RUNTIME_TYPES = Map.of(
            "io.k8s.apimachinery.pkg.apis.meta.v1.Status", "Status",
            "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails", "Status.Details",
            "io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause", "Status.Cause",
            "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", "DeleteOptions",
            "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent", "");

    private static final String WATCH_EVENT = "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent";
    private static final int MAX_DEPTH = 1_000;
    private static final int MAX_INLINE_NAME = 96;

    private final ApiSpec spec;
    private final String modelPackage;
    private final String runtimePackage;
    private final Problems problems;
    /** The document defines Kubernetes' IntOrString: a field of a string or a number is one. */
    private final boolean definesIntOrString;

    private final Map<String, String> classOfDefinition = new HashMap<>();
    private final Map<String, NameAllocator> packageNames = new HashMap<>();
    /** The names {@link InlineNames} gave the objects in place of CustomResourceDefinitions, by schema (identity). */
    private final Map<Schema, String> inlineNames = new java.util.IdentityHashMap<>();

    private final List<Pending> pending = new ArrayList<>();
    private int built; // how many of pending are built
    private final Map<String, List<String>> javadocs = new ConcurrentHashMap<>();
    private final Map<String, String> summaries = new ConcurrentHashMap<>();
    /** Every model class's qualified name, decided before any class is built. */
    private final Set<String> classNames = new HashSet<>();
    /** The classes that implement KubernetesObject or KubernetesList, once {@link #link()} has run. */
    private final Map<String, String> interfaces = new ConcurrentHashMap<>(); // written by classes built in parallel

    /** A class to build: a definition's or an inline object's. */
    private record Pending(String definitionName, String qualifiedName, Schema schema) {}

    TypeLinker(ApiSpec spec, String modelPackage, String runtimePackage, Problems problems) {
        this.spec = spec;
        this.modelPackage = modelPackage;
        this.runtimePackage = runtimePackage;
        this.problems = problems;
        this.definesIntOrString = spec.definitions().keySet().stream().anyMatch(n -> n.endsWith(".intstr.IntOrString"));
    }

    List<TypeModel> link() {
        for (String name : new TreeSet<>(spec.definitions().keySet())) {
            Schema s = spec.definition(name);
            String runtimeType = RUNTIME_TYPES.get(name);
            if (runtimeType != null) {
                if (!runtimeType.isEmpty()) {
                    classOfDefinition.put(name, runtimePackage + "." + runtimeType);
                }
            } else if (isClass(name, s)) {
                List<String> segments = Naming.modelPackageSegments(name);
                String pkg = segments.isEmpty() ? modelPackage : modelPackage + "." + String.join(".", segments);
                String simple = allocateClass(pkg, Naming.modelClassName(name));
                classOfDefinition.put(name, pkg + "." + simple);
                pending.add(new Pending(name, pkg + "." + simple, s));
                classNames.add(pkg + "." + simple);
            }
        }
        nameCustomResourceObjects();
        List<TypeModel> types = buildPending();
        types.sort(Comparator.comparing(TypeModel::qualifiedName));
        return types;
    }

    /**
     * The objects in place in CustomResourceDefinitions' kinds are named before any class is built, package by package
     * ({@link InlineNames}): the shortest names that tell them apart need all of them known.
     */
    private void nameCustomResourceObjects() {
        Map<String, Map<String, Schema>> kindsByPackage = new TreeMap<>();
        for (String name : new TreeSet<>(spec.customResourceKinds())) {
            String cls = classOfDefinition.get(name);
            if (cls != null) {
                String pkg = cls.substring(0, cls.lastIndexOf('.'));
                kindsByPackage
                        .computeIfAbsent(pkg, p -> new TreeMap<>())
                        .put(cls.substring(pkg.length() + 1), spec.definition(name));
            }
        }
        kindsByPackage.forEach((pkg, kinds) -> inlineNames.putAll(InlineNames.of(
                spec,
                kinds,
                packageNames.computeIfAbsent(pkg, p -> new NameAllocator(true)),
                RESERVED_CLASS_NAMES::contains)));
    }

    /**
     * The classes asked for after {@link #link()}: inline objects in operations' bodies and responses, which only
     * the API linkers meet ({@link #typeOf}). Without this they would be named in the API but never generated.
     */
    List<TypeModel> late() {
        return buildPending();
    }

    /** Builds every pending class not built yet. */
    private List<TypeModel> buildPending() {
        List<Drafted> drafted = new ArrayList<>();
        for (; built < pending.size(); built++) { // grows while inline objects are found
            drafted.add(draft(pending.get(built)));
        }
        // Every name is decided now; the classes are independent of each other: built on all cores, in order.
        return new ArrayList<>(drafted.parallelStream().map(this::build).toList());
    }

    boolean isKubernetesObject(String qualifiedName) {
        return "KubernetesObject".equals(interfaces.get(qualifiedName));
    }

    boolean isKubernetesList(String qualifiedName) {
        String i = interfaces.get(qualifiedName);
        return i != null && i.startsWith("KubernetesList");
    }

    /** The class of a definition, or null when it has none (e.g. a string alias). */
    String classOf(String definitionName) {
        return classOfDefinition.get(definitionName);
    }

    /**
     * The Java type for a schema used outside a model class (operation bodies and responses): an inline object
     * becomes a class named {@code <owner's simple name><role>} in the owner's package, built by {@link #late()}.
     */
    JavaType typeOf(Schema schema, String ownerForInline, String role) {
        return type(schema, ownerForInline, role, 0);
    }

    private String allocateClass(String pkg, String wanted) {
        NameAllocator names = packageNames.computeIfAbsent(pkg, p -> new NameAllocator(true));
        String name = RESERVED_CLASS_NAMES.contains(wanted) ? wanted + "Model" : wanted;
        return names.allocate(name);
    }

    private boolean isClass(String name, Schema s) {
        if (s == null || s.isRef() || isIntOrString(s) || isQuantity(name) || isMicroTime(name)) {
            return false;
        }
        return !s.properties().isEmpty() || !s.allOf().isEmpty();
    }

    // ---- one class ---------------------------------------------------------------------------------

    /** One property of a class being built, with its Java type and field name decided. */
    private record Draft(String json, Schema schema, JavaType type, String field, boolean enumLike) {}

    /** A class whose properties have their types: every name a type refers to is allocated by then. */
    private record Drafted(Pending pending, Set<String> required, List<Draft> drafts) {}

    /** The types of {@code p}'s properties; an inline object among them becomes a pending class of its own. */
    private Drafted draft(Pending p) {
        Map<String, Schema> props = new TreeMap<>();
        Set<String> required = new LinkedHashSet<>();
        collectProperties(p.schema(), props, required, 0);
        NameAllocator fields = new NameAllocator(false);
        List<Draft> drafts = new ArrayList<>();
        for (var e : props.entrySet()) {
            Schema ps = e.getValue() == null ? Schema.ANY : e.getValue();
            Schema resolved = spec.resolve(ps);
            boolean enumLike = resolved != null
                    && "string".equals(resolved.type())
                    && !resolved.enumValues().isEmpty()
                    && resolved.enumValues().stream().allMatch(JsonNode::isTextual)
                    && !isIntOrString(resolved);
            JavaType type = enumLike ? JavaType.STRING : type(ps, p.qualifiedName(), e.getKey(), 0);
            drafts.add(new Draft(e.getKey(), ps, type, fields.allocate(Naming.member(e.getKey())), enumLike));
        }
        return new Drafted(p, required, drafts);
    }

    /** The class itself: reads only what {@link #draft} decided and the spec, so classes can be built in parallel. */
    private TypeModel build(Drafted drafted) {
        Pending p = drafted.pending();
        List<Draft> drafts = drafted.drafts();
        String pkg = p.qualifiedName().substring(0, p.qualifiedName().lastIndexOf('.'));
        String simple = p.qualifiedName().substring(pkg.length() + 1);
        // Which names can this class write simply? Not its own, not its nested types', not ones two types share.
        Set<String> referenced = new TreeSet<>();
        drafts.forEach(d -> d.type().collect(referenced));
        if (drafts.stream().anyMatch(d -> classNames.contains(d.type().qualifiedName()))) {
            referenced.add(CONSUMER); // the nested edits' argument
        }
        Members members = new Members(simple, drafts, referenced);
        Imports plan = Imports.plan(pkg, Set.of(simple, "Builder"), referenced);
        List<PropertyModel> properties = new ArrayList<>();
        List<TypeModel.EnumModel> enums = new ArrayList<>();
        for (Draft d : drafts) {
            properties.add(property(p, d, drafted.required(), members, plan, enums));
        }
        TypeModel.Builder type = TypeModel.builder(pkg, simple)
                .definitionName(p.definitionName())
                .javadoc(javadoc(p.schema().description()))
                .deprecated(p.schema().isDeprecated())
                .properties(properties)
                .enums(enums);
        List<Gvk> gvks = gvks(p.definitionName());
        // the constructor sets the fields apiVersion and kind to the kind's defaults: only when they are such fields,
        // of text
        boolean kindDefaults = gvks.size() == 1 && isTextField(drafts, "apiVersion") && isTextField(drafts, "kind");
        if (kindDefaults) {
            type.apiVersion(JavaText.literal(gvks.get(0).apiVersion()))
                    .kind(JavaText.literal(gvks.get(0).kind()));
        }
        KubernetesRole role = kubernetesRole(drafts, properties, plan, gvks);
        type.imports(imports(plan, properties, role, kindDefaults));
        if (role != null) {
            interfaces.put(p.qualifiedName(), role.implementsType());
            type.implementsType(role.implementsType())
                    .metadataGetter(role.metadataGetter())
                    .itemsGetter(role.itemsGetter());
        }
        return type.build();
    }

    /**
     * Every class a model class writes by its simple name, sorted as the project's own code is: the model and JDK
     * classes of its properties, and what model-base.java.mustache uses (Jackson's annotations, {@code Objects} where
     * a property is compared with it, {@code StringJoiner}, the runtime's base classes and interface).
     */
    private List<String> imports(
            Imports plan, List<PropertyModel> properties, KubernetesRole role, boolean kindDefaults) {
        Set<String> imports = new TreeSet<>(plan.imports());
        imports.add("java.util.StringJoiner");
        imports.add(runtimePackage + ".ModelBuilder");
        imports.add(runtimePackage + ".ModelObject");
        if (!properties.isEmpty()) {
            imports.add("com.fasterxml.jackson.annotation.JsonProperty");
        }
        if (properties.stream().anyMatch(p -> !p.byteArrays())) {
            imports.add("java.util.Objects");
        }
        if (kindDefaults) {
            imports.add("com.fasterxml.jackson.annotation.JsonCreator");
        }
        if (role != null) {
            String type = role.implementsType();
            imports.add(
                    runtimePackage + "." + type.substring(0, type.contains("<") ? type.indexOf('<') : type.length()));
        }
        return List.copyOf(imports);
    }

    /** The names a class's members take: its methods, the setters of the model and its builder, its nested types. */
    private static final class Members {
        final NameAllocator methods = new NameAllocator(false)
                .reserve(Naming.OBJECT_METHODS)
                .reserve(
                        "builder",
                        "toBuilder",
                        "copy",
                        "getUnknownFields",
                        "setUnknownField",
                        "unknownFieldsToWrite",
                        "objectName",
                        "objectNamespace",
                        "objectResourceVersion",
                        "continueToken",
                        "listResourceVersion");
        /** One per field, and the raw, list and map ones allocated as properties are built. */
        final NameAllocator setters =
                new NameAllocator(false).reserve(Naming.OBJECT_METHODS).reserve("build", "addItem", "putItem", "edit");

        final NameAllocator nested;

        Members(String simple, List<Draft> drafts, Set<String> referenced) {
            drafts.forEach(d -> setters.reserve(d.field()));
            nested = new NameAllocator(false).reserve(simple, "Builder");
            referenced.forEach(q -> nested.reserve(Imports.simpleOf(q)));
        }
    }

    /** One property, its names allocated in order; its nested enum, if it has allowed values, added to {@code enums}. */
    private PropertyModel property(
            Pending owner,
            Draft d,
            Set<String> required,
            Members members,
            Imports plan,
            List<TypeModel.EnumModel> enums) {
        String typeWord = Naming.type(d.json());
        PropertyModel.Builder property = PropertyModel.builder()
                .jsonName(JavaText.literal(d.json()))
                .fieldName(d.field())
                .getter(members.methods.allocate("get" + typeWord))
                .setter(members.methods.allocate("set" + typeWord))
                .javaType(plan.render(d.type()))
                .required(required.contains(d.json()));
        if (d.enumLike()) {
            String enumType = members.nested.allocate(typeWord);
            property.enumType(enumType)
                    .rawGetter(members.methods.allocate("get" + typeWord + "Value"))
                    .rawSetter(members.setters.allocate(d.field() + "Value")); // a setter of the model and its builder
            enums.add(enumModel(enumType, spec.resolve(d.schema()).enumValues()));
        }
        Schema resolved = spec.resolve(d.schema());
        String description = d.schema().description() != null
                ? d.schema().description()
                : resolved == null ? null : resolved.description();
        String summary = summary(description);
        description = withDefault(description, d.schema().defaultValue());
        JavaType t = d.type();
        boolean list = t.qualifiedName().equals("java.util.List");
        boolean map = t.qualifiedName().equals("java.util.Map");
        boolean model = classNames.contains(t.qualifiedName());
        JavaType item = list ? t.arguments().get(0) : map ? t.arguments().get(1) : model ? t : null;
        return property.javadoc(
                        description == null || description.isBlank()
                                ? JavaText.javadoc("The \"" + d.json() + "\" property.")
                                : javadoc(description))
                .deprecated(d.schema().isDeprecated() || (resolved != null && resolved.isDeprecated()))
                .serializer(
                        isMicroTimeRef(d.schema())
                                ? PropertyModel.Serializer.MICRO_TIME
                                : PropertyModel.Serializer.DEFAULT)
                .byteArrays(containsBytes(t))
                .sensitive(isSensitive(owner, d.json(), resolved))
                .summary(summary)
                .javadocName(String.join(" ", JavaText.javadoc(d.json())))
                .itemType(item == null ? null : plan.render(item))
                .editType(model ? plan.render(JavaType.of(CONSUMER)) + "<" + plan.render(t) + ".Builder>" : null)
                .addItem(list ? members.setters.allocate("add" + typeWord + "Item") : null)
                .putItem(map ? members.setters.allocate("put" + typeWord + "Item") : null)
                .nullable(d.schema().nullable() || resolved != null && resolved.nullable())
                .extensions(extensions(d.schema()))
                .build();
    }

    /**
     * The description, and the value the server gives the property when a request leaves it out (a schema's
     * {@code default}): said, never set by the client, so that what is read is written back as it was.
     */
    private static String withDefault(String description, JsonNode defaultValue) {
        if (defaultValue == null || defaultValue.isNull()) {
            return description;
        }
        String value = new dev.ccigen.generator.read.Extensions(Map.of("default", defaultValue))
                .texts()
                .get("default");
        String line = "Default (the server's): " + (defaultValue.isTextual() ? "\"" + value + "\"" : value) + ".";
        return description == null || description.isBlank() ? line : description.strip() + "\n\n" + line;
    }

    /** A schema's vendor extensions for templates: text as it is, any other value as JSON. */
    private static Map<String, String> extensions(Schema s) {
        return new TreeMap<>(s.extensions().texts());
    }

    /** What a class implements so the runtime reads names and continue tokens without reflection. */
    private record KubernetesRole(String implementsType, String metadataGetter, String itemsGetter) {}

    /**
     * {@code KubernetesObject} for a kind with an ObjectMeta {@code metadata}; {@code KubernetesList<Item>} for a
     * ListMeta {@code metadata} and an {@code items} list; null otherwise. Decided from the drafts' types and schemas.
     */
    private KubernetesRole kubernetesRole(
            List<Draft> drafts, List<PropertyModel> properties, Imports plan, List<Gvk> gvks) {
        Draft metadata = drafts.stream()
                .filter(d -> d.json().equals("metadata"))
                .findFirst()
                .orElse(null);
        if (metadata == null) {
            return null;
        }
        Schema meta = spec.resolve(metadata.schema());
        String metaClass = metadata.type().qualifiedName();
        if (!gvks.isEmpty()
                && metaClass.endsWith(".ObjectMeta")
                && hasProperties(meta, "name", "namespace", "resourceVersion")) {
            return new KubernetesRole("KubernetesObject", getter(properties, "metadata"), null);
        }
        Draft items = drafts.stream()
                .filter(d -> d.json().equals("items"))
                .findFirst()
                .orElse(null);
        if (items != null
                && items.type().qualifiedName().equals("java.util.List")
                && metaClass.endsWith(".ListMeta")
                && hasProperties(meta, "continue", "resourceVersion")) {
            return new KubernetesRole(
                    "KubernetesList<" + plan.render(items.type().arguments().get(0)) + ">",
                    getter(properties, "metadata"),
                    getter(properties, "items"));
        }
        return null;
    }

    private static boolean hasProperties(Schema s, String... names) {
        return s != null && s.properties().keySet().containsAll(List.of(names));
    }

    private static String getter(List<PropertyModel> properties, String json) {
        return properties.stream()
                .filter(p -> p.jsonName().equals(json))
                .findFirst()
                .orElseThrow()
                .getter();
    }

    /**
     * One line of Javadoc for a setter: the description's first sentence (cut at a word near 200 characters when it
     * is longer); null without a description. Made once per text, as {@link #javadoc}.
     */
    private String summary(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        return summaries.computeIfAbsent(description, TypeLinker::firstSentence);
    }

    private static String firstSentence(String text) {
        String t = text.strip();
        int end = t.length();
        for (int i = t.indexOf('.'); i >= 0 && i < end; i = t.indexOf('.', i + 1)) {
            boolean last = i + 1 == t.length() || Character.isWhitespace(t.charAt(i + 1));
            if (last && !endsWithAbbreviation(t, i)) {
                end = i + 1;
            }
        }
        int newline = t.indexOf('\n');
        if (newline >= 0 && newline < end) {
            end = newline;
        }
        String sentence = t.substring(0, end).strip();
        if (sentence.length() > 200) {
            int space = sentence.lastIndexOf(' ', 200);
            sentence = sentence.substring(0, space > 100 ? space : 200) + " …";
        }
        return String.join(" ", JavaText.javadoc(sentence));
    }

    /**
     * Whether {@code t}'s first {@code end} characters end with one of {@link #ABBREVIATIONS} that starts a word, as the
     * regular expression {@code (\\be\\.g|\\bi\\.e|\\betc|\\bvs)$} finds it (its {@code $} also allows a final line
     * end), without running one: this is asked at every period of every description.
     */
    static boolean endsWithAbbreviation(String t, int end) {
        if (abbreviationEndsAt(t, end)) {
            return true;
        }
        char last = end >= 1 ? t.charAt(end - 1) : 0;
        if ((last == '\n' || last == '\r' || last == '\u0085' || last == '\u2028' || last == '\u2029')
                && abbreviationEndsAt(t, end - 1)) {
            return true;
        }
        return end >= 2 && t.charAt(end - 2) == '\r' && last == '\n' && abbreviationEndsAt(t, end - 2);
    }

    private static boolean abbreviationEndsAt(String t, int at) {
        for (String a : ABBREVIATIONS) {
            int start = at - a.length();
            if (start >= 0 && t.startsWith(a, start) && !wordBefore(t, start)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a word character comes right before {@code at}: {@code \\b}'s test (a combining mark on a letter counts). */
    private static boolean wordBefore(String t, int at) {
        if (at == 0) {
            return false;
        }
        int c = Character.codePointBefore(t, at);
        if (c == '_' || Character.isLetterOrDigit(c)) {
            return true;
        }
        if (Character.getType(c) != Character.NON_SPACING_MARK) {
            return false;
        }
        for (int x = at - 1; x >= 0; x--) { // the mark's base character
            int b = t.codePointAt(x);
            if (Character.isLetterOrDigit(b)) {
                return true;
            }
            if (Character.getType(b) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return false;
    }

    private static boolean isTextField(List<Draft> drafts, String name) {
        return drafts.stream()
                .anyMatch(d -> d.json().equals(name)
                        && d.field().equals(name)
                        && d.type().equals(JavaType.STRING));
    }

    /** Javadoc lines, made once per text: Kubernetes repeats the same descriptions hundreds of times. */
    private List<String> javadoc(String text) {
        return text == null ? List.of() : javadocs.computeIfAbsent(text, JavaText::javadoc);
    }

    private void collectProperties(Schema s, Map<String, Schema> into, Set<String> required, int depth) {
        if (s == null || depth > 32) {
            return;
        }
        Schema r = spec.resolve(s);
        if (r == null) {
            return;
        }
        for (Schema part : r.allOf()) {
            collectProperties(part, into, required, depth + 1);
        }
        into.putAll(r.properties());
        required.addAll(r.required());
    }

    private TypeModel.EnumModel enumModel(String name, List<JsonNode> values) {
        NameAllocator constants = new NameAllocator(false);
        List<TypeModel.EnumConstant> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode v : values) {
            if (seen.add(v.asText())) {
                list.add(new TypeModel.EnumConstant(
                        constants.allocate(Naming.constant(v.asText())), JavaText.literal(v.asText())));
            }
        }
        return new TypeModel.EnumModel(name, list);
    }

    /** Values that must not be printed by toString: passwords, and the data of a Kubernetes Secret. */
    private boolean isSensitive(Pending owner, String json, Schema resolved) {
        if (resolved != null && "password".equals(resolved.format())) {
            return true;
        }
        boolean secret =
                gvks(owner.definitionName()).stream().anyMatch(g -> g.kind().equals("Secret"));
        return secret && (json.equals("data") || json.equals("stringData"));
    }

    // ---- Java types ----------------------------------------------------------------------------------

    private JavaType type(Schema s, String owner, String property, int depth) {
        if (s == null) {
            return JavaType.JSON_NODE;
        }
        if (depth > MAX_DEPTH) {
            problems.error(spec.source(), s.pointer(), "schema nested more than " + MAX_DEPTH + " levels deep");
            return JavaType.JSON_NODE;
        }
        if (s.isRef()) {
            String cls = classOfDefinition.get(s.ref());
            if (cls != null) {
                return JavaType.of(cls);
            }
            if (isQuantity(s.ref())) {
                return JavaType.of(runtimePackage + ".Quantity");
            }
            if (RUNTIME_TYPES.containsKey(s.ref())) {
                return JavaType.JSON_NODE; // the WatchEvent outside a watch
            }
            Schema target = spec.definition(s.ref());
            return target == null || target.isRef() && target == s
                    ? JavaType.JSON_NODE
                    : type(target, owner, property, depth + 1);
        }
        if (isIntOrString(s) || !s.types().isEmpty() && isIntOrStringHint(s.types())) {
            return JavaType.of(runtimePackage + ".IntOrString");
        }
        if (!s.types().isEmpty()) {
            return JavaType.JSON_NODE; // a value of several types: any JSON value, as it came
        }
        if (!s.properties().isEmpty() || !s.allOf().isEmpty()) {
            return inlineClass(s, owner, property);
        }
        if (s.extensions().isTrue("x-kubernetes-preserve-unknown-fields") && s.additionalProperties() == null) {
            return JavaType.JSON_NODE;
        }
        String type = s.type() == null ? "" : s.type();
        String format = s.format() == null ? "" : s.format();
        return switch (type) {
            case "string" ->
                switch (format) {
                    case "date-time" -> JavaType.of("java.time.OffsetDateTime");
                    case "date" -> JavaType.of("java.time.LocalDate");
                    case "byte", "binary" -> JavaType.BYTES;
                    default -> JavaType.STRING;
                };
            case "integer" -> JavaType.of("int32".equals(format) ? "java.lang.Integer" : "java.lang.Long");
            case "number" -> JavaType.of("float".equals(format) ? "java.lang.Float" : "java.lang.Double");
            case "boolean" -> JavaType.of("java.lang.Boolean");
            case "array" -> JavaType.listOf(type(s.items(), owner, property, depth + 1));
            case "file" -> JavaType.BYTES;
            default ->
                s.additionalProperties() != null
                        ? JavaType.mapOf(type(s.additionalProperties(), owner, property, depth + 1))
                        : JavaType.JSON_NODE;
        };
    }

    /** An object schema written in place: it becomes a class named after its owner and property. */
    private JavaType inlineClass(Schema s, String owner, String property) {
        String pkg = owner.substring(0, owner.lastIndexOf('.'));
        String named = inlineNames.get(s);
        if (named != null) {
            if (classNames.add(pkg + "." + named)) { // the first object of its shape: its class is built
                pending.add(new Pending(null, pkg + "." + named, s));
            }
            return JavaType.of(pkg + "." + named);
        }
        String ownerSimple = owner.substring(pkg.length() + 1);
        String wanted = ownerSimple + Naming.type(property);
        if (wanted.length() > MAX_INLINE_NAME) { // deep nesting: keep file names short and still unique
            wanted = wanted.substring(0, 40) + "_" + wanted.substring(wanted.length() - 40);
        }
        String simple = allocateClass(pkg, wanted);
        String qualified = pkg + "." + simple;
        pending.add(new Pending(null, qualified, s));
        classNames.add(qualified);
        return JavaType.of(qualified);
    }

    private static boolean containsBytes(JavaType t) {
        return t.isArray() || t.arguments().stream().anyMatch(TypeLinker::containsBytes);
    }

    /**
     * Kubernetes' hint for a list of types: a string or a number ({@code ["string", "number"]} for a port), in a
     * document that defines Kubernetes' IntOrString, the type it publishes for such fields.
     */
    private boolean isIntOrStringHint(List<String> types) {
        return types.contains("string")
                && types.stream().allMatch(t -> t.equals("string") || t.equals("integer") || t.equals("number"))
                && definesIntOrString;
    }

    static boolean isIntOrString(Schema s) {
        return "int-or-string".equals(s.format()) || s.extensions().isTrue("x-kubernetes-int-or-string");
    }

    private static boolean isQuantity(String definitionName) {
        return definitionName.endsWith(".api.resource.Quantity") || definitionName.equals("Quantity");
    }

    private static boolean isMicroTime(String definitionName) {
        return definitionName.endsWith(".meta.v1.MicroTime");
    }

    private boolean isMicroTimeRef(Schema s) {
        return s.isRef() && isMicroTime(s.ref());
    }

    // ---- Kubernetes kinds ------------------------------------------------------------------------------

    /** One entry of {@code x-kubernetes-group-version-kind}. */
    record Gvk(String group, String version, String kind) {
        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    List<Gvk> gvks(String definitionName) {
        if (definitionName == null) {
            return List.of();
        }
        Schema s = spec.definition(definitionName);
        JsonNode ext = s == null ? null : s.extensions().get("x-kubernetes-group-version-kind");
        return gvksOf(ext);
    }

    static List<Gvk> gvksOf(JsonNode ext) {
        if (ext == null) {
            return List.of();
        }
        List<Gvk> result = new ArrayList<>();
        for (JsonNode g : ext.isArray() ? ext : List.of(ext)) {
            if (g.hasNonNull("kind") && g.hasNonNull("version")) {
                result.add(new Gvk(
                        g.path("group").asText(""),
                        g.get("version").asText(),
                        g.get("kind").asText()));
            }
        }
        return result;
    }

    /**
     * Every (apiVersion, kind) the document's definitions declare, for the Kinds registry: the model's class, or the
     * runtime's for the meta kinds it carries ({@code DeleteOptions} and {@code WatchEvent}, which the document lists
     * under every group-version, and {@code Status}); the first definition in name order wins a pair. A definition
     * without a class of its own (a kind whose schema is no object) is read as {@code JsonNode}.
     */
    List<ApiModel.KindModel> kinds() {
        Map<String, ApiModel.KindModel> byKey = new TreeMap<>();
        for (String name : new TreeSet<>(spec.definitions().keySet())) {
            String cls = classOfDefinition.get(name);
            if (name.equals(WATCH_EVENT)) {
                cls = runtimePackage + ".WatchEvent"; // Kinds.decode decodes its object by the object's own kind
            } else if (cls == null) {
                cls = JavaType.JSON_NODE.qualifiedName();
            }
            for (Gvk g : gvks(name)) {
                byKey.putIfAbsent(
                        g.apiVersion() + " " + g.kind(),
                        new ApiModel.KindModel(JavaText.literal(g.apiVersion()), JavaText.literal(g.kind()), cls));
            }
        }
        return List.copyOf(byKey.values());
    }
}
