package dev.ccigen.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An {@link Informer}'s cache of the objects it watches, by namespace and name, with indexes. Thread-safe: the informer
 * writes it before it calls the handlers about a change, and anyone may read it at any time.
 *
 * <p>The objects it holds are shared, by every informer on the same resource and by the handlers: they never change
 * (a change on the server brings a new object), the lists and maps decoded for them are immutable (what a transform
 * puts in its result is kept as it is), and you must not call their setters either: {@code toBuilder()} makes a copy
 * of your own. Lists it returns are copies, which the informer does not change.
 *
 * <p>Indexes ({@link Informer#addIndexer}) file each object under the keys a function gives for it, e.g. pods by node
 * name; {@link #byIndex} lists those under one key. {@link #NAMESPACE_INDEX} is always there.
 *
 * @param <T> the kind
 */
public final class Store<T extends KubernetesObject> {

    private static final System.Logger LOG = System.getLogger(Store.class.getPackageName());

    /** The index of every store: objects by namespace ({@code ""} for a cluster-scoped kind). */
    public static final String NAMESPACE_INDEX = "namespace";

    /** By namespace, then name: the namespace index is the store's own layout, and costs nothing per object. */
    private final Map<String, Map<String, T>> namespaces = new ConcurrentHashMap<>();

    private final Map<String, Index<T>> indexes = new ConcurrentHashMap<>();
    private volatile int size;

    Store() {}

    /** Every object, in no particular order: a copy, which the informer does not change. */
    public List<T> list() {
        List<T> all = new ArrayList<>(size);
        for (Map<String, T> objects : namespaces.values()) {
            all.addAll(objects.values());
        }
        return all;
    }

    /** The objects of {@code namespace} (null or {@code ""} for a cluster-scoped kind): a copy. */
    public List<T> list(String namespace) {
        Map<String, T> objects = namespaces.get(namespaceKey(namespace));
        return objects == null ? new ArrayList<>() : new ArrayList<>(objects.values());
    }

    /** The object called {@code name} in {@code namespace} (null for a cluster-scoped kind), or null. */
    public T get(String namespace, String name) {
        Map<String, T> objects = namespaces.get(namespaceKey(namespace));
        return objects == null || name == null ? null : objects.get(name);
    }

    /**
     * The objects filed under {@code key} in the index called {@code indexName}: a copy.
     *
     * @throws IllegalArgumentException when there is no such index
     */
    public List<T> byIndex(String indexName, String key) {
        if (NAMESPACE_INDEX.equals(indexName)) {
            return list(key);
        }
        Index<T> index = indexes.get(indexName);
        if (index == null) {
            throw new IllegalArgumentException("no index called \"" + indexName + "\"; there are " + indexNames());
        }
        return index.get(key);
    }

    /** The names of the indexes, {@link #NAMESPACE_INDEX} first. */
    public List<String> indexNames() {
        List<String> names = new ArrayList<>();
        names.add(NAMESPACE_INDEX);
        indexes.keySet().stream().sorted().forEach(names::add);
        return names;
    }

    /** How many objects there are. */
    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return "Store[" + size + " objects, indexes " + indexNames() + "]";
    }

    // ---- written by the informer, one change at a time (under its lock) ---------------------------------------------

    /** Keeps {@code object}; returns the one it replaces, or null. */
    T put(T object) {
        T old = namespaces
                .computeIfAbsent(namespaceKey(object.objectNamespace()), k -> new ConcurrentHashMap<>())
                .put(object.objectName(), object);
        if (old == null) {
            size++;
        }
        for (Index<T> index : indexes.values()) {
            index.replace(old, object);
        }
        return old;
    }

    /** Forgets {@code object}'s namespace and name; returns what was kept, or null. */
    T remove(T object) {
        String namespace = namespaceKey(object.objectNamespace());
        Map<String, T> objects = namespaces.get(namespace);
        T old = objects == null ? null : objects.remove(object.objectName());
        if (old == null) {
            return null;
        }
        size--;
        if (objects.isEmpty()) {
            namespaces.remove(namespace);
        }
        for (Index<T> index : indexes.values()) {
            index.replace(old, null);
        }
        return old;
    }

    /**
     * Adds an index and files the objects there are under it.
     *
     * @throws IllegalArgumentException when there is an index of that name with another function
     */
    void addIndex(String name, Function<? super T, ? extends Collection<String>> keys) {
        Objects.requireNonNull(keys, "keys");
        if (NAMESPACE_INDEX.equals(name) || indexes.containsKey(name)) {
            if (indexes.containsKey(name) && indexes.get(name).keys == keys) {
                return; // the same index again: another user of a shared informer
            }
            throw new IllegalArgumentException("there is an index called \"" + name + "\" already");
        }
        Index<T> index = new Index<>(name, keys);
        for (T object : list()) {
            index.replace(null, object);
        }
        indexes.put(name, index);
    }

    static String namespaceKey(String namespace) {
        return namespace == null ? "" : namespace;
    }

    /** Where an object is: what an index keeps per object, with no string of its own. */
    private record Place(String namespace, String name) {
        static Place of(KubernetesObject object) {
            return new Place(namespaceKey(object.objectNamespace()), object.objectName());
        }
    }

    /** One index: for each key, the objects filed under it. */
    private static final class Index<T extends KubernetesObject> {
        final String name;
        final Function<? super T, ? extends Collection<String>> keys;
        private final Map<String, Map<Place, T>> filed = new ConcurrentHashMap<>();

        Index(String name, Function<? super T, ? extends Collection<String>> keys) {
            this.name = name;
            this.keys = keys;
        }

        List<T> get(String key) {
            Map<Place, T> objects = key == null ? null : filed.get(key);
            return objects == null ? new ArrayList<>() : new ArrayList<>(objects.values());
        }

        /** {@code old} (or null) became {@code object} (or null: deleted). */
        void replace(T old, T object) {
            Collection<String> before = old == null ? List.of() : keysOf(old);
            Collection<String> after = object == null ? List.of() : keysOf(object);
            Place place = Place.of(old != null ? old : object);
            for (String key : before) {
                if (!after.contains(key)) {
                    Map<Place, T> objects = filed.get(key);
                    if (objects != null && objects.remove(place) != null && objects.isEmpty()) {
                        filed.remove(key);
                    }
                }
            }
            for (String key : after) {
                filed.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(place, object);
            }
        }

        /** The keys of {@code object}, without nulls; none when the function throws (logged). */
        private Collection<String> keysOf(T object) {
            Collection<String> found;
            try {
                found = keys.apply(object);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "index \"" + name + "\" failed for " + object.objectNamespace() + "/" + object.objectName()
                                + "; filed under no key",
                        e);
                return List.of();
            }
            if (found == null) {
                return List.of();
            }
            List<String> clean = new ArrayList<>(found.size());
            for (String key : found) {
                if (key != null && !clean.contains(key)) {
                    clean.add(key);
                }
            }
            return clean;
        }
    }
}
