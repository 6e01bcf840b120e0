package dev.ccigen.runtime;

/**
 * What an {@link Informer} tells about the objects it watches (fabric8's names). Every method does nothing unless
 * overridden, so a handler overrides only what it needs. The calls come one at a time on a thread of this handler's
 * own, in the order of the events; an exception thrown here is logged and the informer goes on. The objects are the
 * store's, shared: read them, and use {@code toBuilder()} for a copy to change.
 *
 * @param <T> the watched kind
 */
public interface ResourceEventHandler<T> {

    /** {@code object} appeared: in the first list, in a later list, or in the watch. */
    default void onAdd(T object) {}

    /**
     * {@code oldObject} became {@code newObject}; on a resync both are the same object, unchanged.
     */
    default void onUpdate(T oldObject, T newObject) {}

    /**
     * {@code lastKnown} was deleted. {@code finalStateUnknown} is true when the deletion was found by listing again
     * (the watch missed it): {@code lastKnown} is then the state the informer had, perhaps not the last one.
     */
    default void onDelete(T lastKnown, boolean finalStateUnknown) {}
}
