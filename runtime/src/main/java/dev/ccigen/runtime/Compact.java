package dev.ccigen.runtime;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Immutable lists and maps as small as they can be, for the objects of an informer's cache: an array of exactly the
 * items (a map's keys and values side by side, in their order), where Jackson's {@code ArrayList} keeps room for ten
 * and its {@code LinkedHashMap} an entry object per key and a table. Nulls are kept, order is kept, and every method
 * that would change them throws {@link UnsupportedOperationException}.
 */
final class Compact {

    private Compact() {}

    /** The items of {@code items}, in its order. */
    static <E> List<E> list(Collection<? extends E> items) {
        switch (items.size()) {
            case 0:
                return Collections.emptyList();
            case 1:
                return Collections.singletonList(items.iterator().next());
            default:
                return new ListOverArray<>(items.toArray());
        }
    }

    /** The entries of {@code map}, in its order; its keys are not null. */
    static <V> Map<String, V> map(Map<String, ? extends V> map) {
        if (map.isEmpty()) {
            return Collections.emptyMap();
        }
        Object[] table = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<String, ? extends V> entry : map.entrySet()) {
            table[i++] = Objects.requireNonNull(entry.getKey(), "key");
            table[i++] = entry.getValue();
        }
        return new MapOverArray<>(table);
    }

    /** An immutable list over an array of its own. */
    static final class ListOverArray<E> extends AbstractList<E> implements RandomAccess {
        private final Object[] items;

        ListOverArray(Object[] items) {
            this.items = items;
        }

        @Override
        @SuppressWarnings("unchecked") // only E goes in
        public E get(int index) {
            return (E) items[index];
        }

        @Override
        public int size() {
            return items.length;
        }

        @Override
        public Object[] toArray() {
            return items.clone();
        }
    }

    /**
     * An immutable map over one array of keys and values, searched from the start: the maps of Kubernetes objects
     * (labels, annotations, resources) hold a few entries. Above {@link #HASHED} entries a table of positions by hash
     * is kept beside it.
     */
    static final class MapOverArray<V> extends AbstractMap<String, V> {
        /** The most entries searched one by one. */
        static final int HASHED = 8;

        private final Object[] table; // key, value, key, value, ...
        private final int[] positions; // null, or for each hash slot 1 + the entry's index (0: free)

        MapOverArray(Object[] table) {
            this.table = table;
            int size = table.length / 2;
            if (size <= HASHED) {
                this.positions = null;
                return;
            }
            this.positions = new int[Integer.highestOneBit(size * 2 - 1) * 2];
            for (int entry = 0; entry < size; entry++) {
                int slot = table[entry * 2].hashCode() & (positions.length - 1);
                while (positions[slot] != 0) {
                    slot = (slot + 1) & (positions.length - 1);
                }
                positions[slot] = entry + 1;
            }
        }

        /** Where {@code key} is in {@link #table}, or -1. */
        private int find(Object key) {
            if (!(key instanceof String)) {
                return -1;
            }
            if (positions == null) {
                for (int i = 0; i < table.length; i += 2) {
                    if (table[i] == key || table[i].equals(key)) {
                        return i;
                    }
                }
                return -1;
            }
            for (int slot = key.hashCode() & (positions.length - 1);
                    positions[slot] != 0;
                    slot = (slot + 1) & (positions.length - 1)) {
                int i = (positions[slot] - 1) * 2;
                if (table[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        @SuppressWarnings("unchecked") // only V goes in
        public V get(Object key) {
            int i = find(key);
            return i < 0 ? null : (V) table[i + 1];
        }

        @Override
        public boolean containsKey(Object key) {
            return find(key) >= 0;
        }

        @Override
        public int size() {
            return table.length / 2;
        }

        @Override
        public boolean isEmpty() {
            return false; // an empty map is Collections.emptyMap()
        }

        @Override
        @SuppressWarnings("unchecked") // only V goes in
        public void forEach(BiConsumer<? super String, ? super V> action) {
            for (int i = 0; i < table.length; i += 2) {
                action.accept((String) table[i], (V) table[i + 1]);
            }
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, V>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < table.length;
                        }

                        @Override
                        @SuppressWarnings("unchecked") // only V goes in
                        public Entry<String, V> next() {
                            if (next >= table.length) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, V> entry =
                                    new SimpleImmutableEntry<>((String) table[next], (V) table[next + 1]);
                            next += 2;
                            return entry;
                        }
                    };
                }

                @Override
                public int size() {
                    return table.length / 2;
                }
            };
        }
    }
}
