package dev.ccigen.runtime;

import java.util.List;

/**
 * Implemented by every generated {@code ...List} kind, so that {@link ResourceCalls#listAll} can page
 * through results by their {@code continue} token.
 *
 * @param <T> the item kind
 */
public interface KubernetesList<T> {

    /** The items of this page; {@code null} is read as an empty page. */
    List<T> getItems();

    /** {@code metadata.continue}, or {@code null} when this is the last page. */
    String continueToken();

    /** {@code metadata.resourceVersion}: where a watch started after this list should begin. */
    String listResourceVersion();
}
