package dev.ccigen.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link Informer}'s cache of the objects it watches, by namespace and name. Thread-safe: the informer writes it
 * before it calls the handler about a change, and anyone may read it at any time. Do not change the objects it returns:
 * they are the informer's (use {@code toBuilder()}).
 *
 * @param <T> the kind
 */
public final class Store<T extends KubernetesObject> {

    private final Map<String, T> objects = new ConcurrentHashMap<>();

    Store() {}

    /** Every object, in no particular order: a copy, which the informer does not change. */
    public List<T> list() {
        return new ArrayList<>(objects.values());
    }

    /** The object called {@code name} in {@code namespace} (null for a cluster-scoped kind), or null. */
    public T get(String namespace, String name) {
        return objects.get(key(namespace, name));
    }

    /** How many objects there are. */
    public int size() {
        return objects.size();
    }

    @Override
    public String toString() {
        return "Store[" + objects.size() + " objects]";
    }

    /** Keeps {@code object}; returns the one it replaces, or null. */
    T put(T object) {
        return objects.put(key(object), object);
    }

    /** Forgets {@code object}'s namespace and name; returns what was kept, or null. */
    T remove(T object) {
        return objects.remove(key(object));
    }

    static String key(KubernetesObject object) {
        return key(object.objectNamespace(), object.objectName());
    }

    private static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
