package dev.ccigen.generator.link;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One resource of a group-version, with exactly the verbs the listings grant and the document serves, built by a
 * {@link Builder}. Its fields are in the order templates/README.md lists them; templates see its {@link #verbs()} as
 * one boolean each ({@link #get()}, {@link #deleteCollection()} …).
 */
public final class ResourceModel {
    private final String plural;
    private final String singular;
    private final String kind;
    private final boolean namespaced;
    private final AllNamespacesModel allNamespaces;
    private final List<String> shortNames;
    private final String packageName;
    private final String className;
    private final String accessor;
    private final List<String> imports;
    private final String type;
    private final String listType;
    private final Set<Verb> verbs;
    private final String deleteType;
    private final String deleteCollectionType;
    private final List<SubresourceModel> subresources;
    private final boolean exec;
    private final boolean attach;
    private final boolean portForward;

    /** A verb of a resource's own methods, as Kubernetes' listings name it. */
    public enum Verb {
        GET("get", "get"),
        LIST("list", "list"),
        CREATE("create", "create"),
        UPDATE("update", "update"),
        PATCH("patch", "patch"),
        DELETE("delete", "delete"),
        DELETE_COLLECTION("deletecollection", "deleteCollection"),
        WATCH("watch", "watch");

        private final String listed;
        private final String templateName;

        Verb(String listed, String templateName) {
            this.listed = listed;
            this.templateName = templateName;
        }

        /** As the listings write it: {@code deletecollection}. */
        public String listed() {
            return listed;
        }

        /** The boolean templates see: {@code deleteCollection}. */
        public String templateName() {
            return templateName;
        }

        /** The verb a listing names ({@code deletecollection}), or null for one that is no resource method ({@code proxy}). */
        public static Verb ofListed(String listed) {
            for (Verb v : values()) {
                if (v.listed.equals(listed)) {
                    return v;
                }
            }
            return null;
        }
    }

    private ResourceModel(Builder b) {
        plural = b.plural;
        singular = b.singular;
        kind = b.kind;
        namespaced = b.namespaced;
        allNamespaces = b.allNamespaces;
        shortNames = b.shortNames;
        packageName = b.packageName;
        className = b.className;
        accessor = b.accessor;
        imports = b.imports;
        type = b.type;
        listType = b.listType;
        EnumSet<Verb> granted = EnumSet.noneOf(Verb.class);
        granted.addAll(b.verbs);
        verbs = Collections.unmodifiableSet(granted);
        deleteType = b.deleteType;
        deleteCollectionType = b.deleteCollectionType;
        subresources = b.subresources;
        exec = b.exec;
        attach = b.attach;
        portForward = b.portForward;
    }

    /** The resource {@code plural}, whose class is {@code packageName.className}. */
    static Builder builder(String plural, String packageName, String className) {
        return new Builder(plural, packageName, className);
    }

    public String plural() {
        return plural;
    }

    public String singular() {
        return singular;
    }

    public String kind() {
        return kind;
    }

    public boolean namespaced() {
        return namespaced;
    }

    /**
     * A namespaced resource's view across all namespaces, its own class with the verbs Kubernetes serves there (list,
     * watch and what they make: listAll, inform); null for a cluster-scoped resource or one served in namespaces only.
     */
    public AllNamespacesModel allNamespaces() {
        return allNamespaces;
    }

    public List<String> shortNames() {
        return shortNames;
    }

    /** The group-version's API package. */
    public String packageName() {
        return packageName;
    }

    /** E.g. {@code Pods}. */
    public String className() {
        return className;
    }

    /** E.g. {@code pods} (the group-version's method). */
    public String accessor() {
        return accessor;
    }

    /** Every class its class writes by simple name (models, the runtime's, the JDK's), sorted. */
    public List<String> imports() {
        return imports;
    }

    /** The resource's model class, as its class writes it. */
    public String type() {
        return type;
    }

    /** Its list class, as its class writes it. */
    public String listType() {
        return listType;
    }

    /** The verbs granted and served. */
    public Set<Verb> verbs() {
        return verbs;
    }

    public boolean get() {
        return verbs.contains(Verb.GET);
    }

    public boolean list() {
        return verbs.contains(Verb.LIST);
    }

    public boolean create() {
        return verbs.contains(Verb.CREATE);
    }

    public boolean update() {
        return verbs.contains(Verb.UPDATE);
    }

    public boolean patch() {
        return verbs.contains(Verb.PATCH);
    }

    public boolean delete() {
        return verbs.contains(Verb.DELETE);
    }

    public boolean deleteCollection() {
        return verbs.contains(Verb.DELETE_COLLECTION);
    }

    public boolean watch() {
        return verbs.contains(Verb.WATCH);
    }

    /** Whether the resource can be read and replaced: {@code edit(name, change)}. */
    public boolean edit() {
        return verbs.contains(Verb.GET) && verbs.contains(Verb.UPDATE);
    }

    /** Whether the resource can be patched, so server-side applied: {@code apply(object, fieldManager)}. */
    public boolean apply() {
        return verbs.contains(Verb.PATCH);
    }

    /**
     * The class the document declares {@code delete} answers, qualified: the object's, or the runtime's {@code Status}.
     * The resource's class returns a {@code DeleteResult} of whichever the server sends; the test server answers this.
     */
    public String deleteType() {
        return deleteType;
    }

    /** Likewise for {@code deleteCollection}; null when it is not served. */
    public String deleteCollectionType() {
        return deleteCollectionType;
    }

    public List<SubresourceModel> subresources() {
        return subresources;
    }

    /** Whether the pods/exec-style WebSocket subresource is granted: {@code exec}, {@code execSession}. */
    public boolean exec() {
        return exec;
    }

    /** Likewise {@code attach}. */
    public boolean attach() {
        return attach;
    }

    /** Likewise {@code portforward}: {@code portForward}, {@code portForwardLocally}. */
    public boolean portForward() {
        return portForward;
    }

    @Override
    public String toString() {
        return "ResourceModel(" + plural + " " + verbs + ")";
    }

    /**
     * A namespaced resource across all namespaces: what {@code pods()} returns, beside {@code pods(namespace)}.
     *
     * @param className e.g. {@code PodsInAllNamespaces}, in the resource's package
     * @param list      whether it lists ({@code list}, {@code listAll})
     * @param watch     whether it watches ({@code watch}; with {@code list}, {@code inform})
     * @param imports   every class it writes by simple name, sorted
     */
    public record AllNamespacesModel(String className, boolean list, boolean watch, List<String> imports) {}

    /**
     * A subresource such as {@code status}, {@code scale} or {@code log}.
     *
     * @param methodSuffix e.g. {@code Status}: the methods are {@code getStatus}, {@code replaceStatus}, ...
     * @param type         its body's model class as the resource's class writes it; null for text ({@code log})
     * @param text         true for a text stream ({@code log})
     */
    public record SubresourceModel(
            String name,
            String methodSuffix,
            String type,
            boolean get,
            boolean update,
            boolean patch,
            boolean create,
            boolean text) {}

    /** Builds a {@link ResourceModel}; lists default to empty, flags to false, the verbs to none. */
    static final class Builder {
        private final String plural;
        private final String packageName;
        private final String className;
        private String singular;
        private String kind;
        private boolean namespaced;
        private AllNamespacesModel allNamespaces;
        private List<String> shortNames = List.of();
        private String accessor;
        private List<String> imports = List.of();
        private String type;
        private String listType;
        private Set<Verb> verbs = EnumSet.noneOf(Verb.class);
        private String deleteType;
        private String deleteCollectionType;
        private List<SubresourceModel> subresources = List.of();
        private boolean exec;
        private boolean attach;
        private boolean portForward;

        private Builder(String plural, String packageName, String className) {
            this.plural = plural;
            this.packageName = packageName;
            this.className = className;
        }

        Builder singular(String singular) {
            this.singular = singular;
            return this;
        }

        Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        Builder namespaced(boolean namespaced) {
            this.namespaced = namespaced;
            return this;
        }

        Builder allNamespaces(AllNamespacesModel allNamespaces) {
            this.allNamespaces = allNamespaces;
            return this;
        }

        Builder shortNames(List<String> shortNames) {
            this.shortNames = shortNames;
            return this;
        }

        Builder accessor(String accessor) {
            this.accessor = accessor;
            return this;
        }

        Builder imports(List<String> imports) {
            this.imports = imports;
            return this;
        }

        Builder type(String type) {
            this.type = type;
            return this;
        }

        Builder listType(String listType) {
            this.listType = listType;
            return this;
        }

        Builder verbs(Set<Verb> verbs) {
            this.verbs = verbs;
            return this;
        }

        Builder deleteType(String deleteType) {
            this.deleteType = deleteType;
            return this;
        }

        Builder deleteCollectionType(String deleteCollectionType) {
            this.deleteCollectionType = deleteCollectionType;
            return this;
        }

        Builder subresources(List<SubresourceModel> subresources) {
            this.subresources = subresources;
            return this;
        }

        /** The WebSocket subresources granted: {@code exec}, {@code attach}, {@code portforward}. */
        Builder webSockets(Set<String> granted) {
            this.exec = granted.contains("exec");
            this.attach = granted.contains("attach");
            this.portForward = granted.contains("portforward");
            return this;
        }

        ResourceModel build() {
            return new ResourceModel(this);
        }
    }
}
