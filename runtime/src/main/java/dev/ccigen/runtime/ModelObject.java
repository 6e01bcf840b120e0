package dev.ccigen.runtime;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every generated model class shares: the fields a newer server sent that the schema does not know (kept, so a
 * read-modify-write loses nothing), the copy its {@link ModelBuilder} starts from, and how Jackson sees it: the fields
 * (each with its {@code @JsonProperty}), never the getters and fluent setters (Jackson applies a superclass's
 * {@code @JsonAutoDetect} to every subclass that has none of its own).
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
public abstract class ModelObject implements Cloneable {
    /** Null until there is one; transient, so Jackson sees only the two methods below, never the field. */
    private transient Map<String, JsonNode> unknownFields;

    /** Fields the schema does not know (a newer server's), as read; empty when there were none. */
    public final Map<String, JsonNode> getUnknownFields() {
        return unknownFields == null ? Map.of() : unknownFields;
    }

    /** Keeps a field the schema does not know; Jackson calls it for each one it reads. */
    @JsonAnySetter
    public final void setUnknownField(String name, JsonNode value) {
        if (unknownFields == null) {
            unknownFields = new LinkedHashMap<>();
        }
        unknownFields.put(name, value);
    }

    /** What Jackson writes after the known fields: null when empty, so writing allocates nothing for them. */
    @JsonAnyGetter
    protected final Map<String, JsonNode> unknownFieldsToWrite() {
        return unknownFields;
    }

    /**
     * A shallow copy: the same values (nested objects, lists and maps are shared, builders never change them in
     * place) and a map of unknown fields of its own.
     *
     * @param <T> the class of this object
     * @return the copy
     */
    @SuppressWarnings("unchecked")
    protected final <T extends ModelObject> T copy() {
        try {
            ModelObject copy = (ModelObject) super.clone();
            if (unknownFields != null) {
                copy.unknownFields = new LinkedHashMap<>(unknownFields);
            }
            return (T) copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e); // Cloneable above
        }
    }
}
