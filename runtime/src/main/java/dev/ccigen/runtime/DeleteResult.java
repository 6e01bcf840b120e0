package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What the server answered to a delete, whatever it sent: Kubernetes answers some deletes with a {@link Status}
 * ({@code Success}, and in its {@code details} the name, kind and uid deleted), and others with the object itself,
 * whatever its document declares: a pod, or any object that finalizers or a grace period keep for a while (its
 * {@code metadata.deletionTimestamp} is then set). A deletecollection answers a Status or the list of what it
 * deleted. So both are decoded here, by what the body is:
 *
 * <pre>{@code
 * DeleteResult<Pod> deleted = pods.delete("web");
 * deleted.object().ifPresent(pod -> System.out.println("terminating since " + pod.getMetadata().getDeletionTimestamp()));
 * deleted.status().ifPresent(status -> System.out.println(status.getStatus())); // Success
 * }</pre>
 *
 * @param <T> the resource's kind (for deletecollection, its list kind)
 */
public final class DeleteResult<T> {

    private final int statusCode;
    private final T object;
    private final Status status;
    private final JsonNode raw;

    /**
     * A result as a delete returns it (also for tests of code that deletes).
     *
     * @param object the object the server answered, or null
     * @param status the Status the server answered, or null
     * @param raw the body as received, or null for none
     */
    public DeleteResult(int statusCode, T object, Status status, JsonNode raw) {
        this.statusCode = statusCode;
        this.object = object;
        this.status = status;
        this.raw = raw;
    }

    /**
     * 200 (done, or under way when the object came back with a {@code deletionTimestamp}), 202 (accepted: the server
     * goes on in the background, e.g. with {@code propagationPolicy: Foreground}), or 204 with no body.
     */
    public int statusCode() {
        return statusCode;
    }

    /** The object, when the server answered with it: its state as the deletion began. */
    public Optional<T> object() {
        return Optional.ofNullable(object);
    }

    /** The {@link Status}, when the server answered with one. */
    public Optional<Status> status() {
        return Optional.ofNullable(status);
    }

    /** The body as the server sent it; null when there was none. */
    public JsonNode raw() {
        return raw == null ? null : raw.deepCopy();
    }

    @Override
    public String toString() {
        return "DeleteResult[" + statusCode + " " + (object != null ? object : status) + "]";
    }
}
