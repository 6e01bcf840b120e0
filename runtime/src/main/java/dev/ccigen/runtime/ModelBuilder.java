package dev.ccigen.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every model's {@code Builder} shares. A builder works on an object of its own: {@link #build()} returns a
 * new copy each time, so a builder used again never changes an object it built, and {@code toBuilder()} never
 * changes the object it started from. A list or map is copied the first time the builder adds to it after it was
 * set, built or taken over, then changed in place: adding n items costs n, not n².
 *
 * @param <T> the model class
 */
public abstract class ModelBuilder<T extends ModelObject> {
    /** The object being built: never one this builder returned, nor the one {@code toBuilder()} was called on. */
    protected final T target;
    /** The lists and maps in {@link #target} that this builder made since its last build, compared by identity. */
    private Set<Object> own;

    /**
     * A builder of {@code target}, which it changes in place.
     *
     * @param target a new object, or a copy
     */
    protected ModelBuilder(T target) {
        this.target = target;
    }

    /**
     * A new object with everything set so far; later calls on this builder do not change it.
     *
     * @return the object
     */
    public T build() {
        own = null; // the lists and maps are shared with the object built now: copy them before adding again
        return target.copy();
    }

    /**
     * {@code list} with {@code item} added: {@code list} itself when this builder made it, else a copy.
     *
     * @param <E>  the item type
     * @param list the current list, or null
     * @param item the item to add
     * @return the list to keep
     */
    protected final <E> List<E> addItem(List<E> list, E item) {
        List<E> mine = isOwn(list) ? list : own(list == null ? new ArrayList<>() : new ArrayList<>(list));
        mine.add(item);
        return mine;
    }

    /**
     * {@code map} with {@code key} set to {@code value}: {@code map} itself when this builder made it, else a copy.
     *
     * @param <V>   the value type
     * @param map   the current map, or null
     * @param key   the key
     * @param value the value
     * @return the map to keep
     */
    protected final <V> Map<String, V> putItem(Map<String, V> map, String key, V value) {
        Map<String, V> mine = isOwn(map) ? map : own(map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map));
        mine.put(key, value);
        return mine;
    }

    /**
     * Edits a nested object in a builder of its own, starting from a copy of {@code value} (or from an empty object
     * when it is null): {@code value} itself is not changed.
     *
     * @param <M>       the nested model class
     * @param <B>       its builder
     * @param value     the current value, or null
     * @param empty     a builder of an empty object
     * @param toBuilder a builder from a copy of an object
     * @param edit      the changes
     * @return the edited copy
     */
    protected static <M extends ModelObject, B extends ModelBuilder<M>> M edit(
            M value, Supplier<B> empty, Function<M, B> toBuilder, Consumer<? super B> edit) {
        B builder = value == null ? empty.get() : toBuilder.apply(value);
        edit.accept(builder);
        return builder.build();
    }

    private boolean isOwn(Object collection) {
        return collection != null && own != null && own.contains(collection);
    }

    private <C> C own(C collection) {
        if (own == null) {
            own = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        own.add(collection);
        return collection;
    }
}
