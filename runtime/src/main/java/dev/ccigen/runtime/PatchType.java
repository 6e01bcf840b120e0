package dev.ccigen.runtime;

/** The patch flavours Kubernetes accepts, each with its content type. */
public enum PatchType {
    /** RFC 6902: a list of operations ({@code op}, {@code path}, {@code value}). */
    JSON("application/json-patch+json"),
    /** RFC 7386: a partial object; {@code null} deletes a field, lists are replaced whole. */
    MERGE("application/merge-patch+json"),
    /** Kubernetes' own merge that merges lists by key (built-in kinds only). */
    STRATEGIC_MERGE("application/strategic-merge-patch+json"),
    /** Server-side apply; needs {@link PatchOptions.Builder#fieldManager}. JSON is valid YAML, so JSON is sent. */
    APPLY("application/apply-patch+yaml");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    /** The Content-Type this kind of patch is sent with. */
    public String contentType() {
        return contentType;
    }
}
