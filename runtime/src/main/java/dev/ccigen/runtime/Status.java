package dev.ccigen.runtime;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A Kubernetes {@code Status} as CCI sends it: the upstream fields plus CCI's {@code errorCode}
 * ({@code CCI.02.409101}). The client's one {@code Status}: what {@code delete} answers, what
 * {@link ApiException#status()} holds, what a watch's ERROR event carries, and the document's own {@code Status}
 * definition. Fields the class does not know are kept in {@link #additionalProperties()}.
 */
public final class Status {

    private String kind;
    private String apiVersion;
    private JsonNode metadata;
    private String status;
    private String message;
    private String reason;
    private Integer code;
    private Details details;
    private String errorCode;
    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    /** {@code Status}. */
    public String getKind() {
        return kind;
    }
    /** Sets {@code kind}. */
    public void setKind(String kind) {
        this.kind = kind;
    }
    /** {@code v1}. */
    public String getApiVersion() {
        return apiVersion;
    }
    /** Sets {@code apiVersion}. */
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }
    /** The list metadata, as sent (usually empty). */
    public JsonNode getMetadata() {
        return metadata;
    }
    /** Sets {@code metadata}. */
    public void setMetadata(JsonNode metadata) {
        this.metadata = metadata;
    }
    /** {@code Success} or {@code Failure}. */
    public String getStatus() {
        return status;
    }
    /** Sets {@code status}. */
    public void setStatus(String status) {
        this.status = status;
    }
    /** A description for people. */
    public String getMessage() {
        return message;
    }
    /** Sets {@code message}. */
    public void setMessage(String message) {
        this.message = message;
    }
    /** Machine-readable reason, e.g. {@code AlreadyExists}, {@code Expired}. */
    public String getReason() {
        return reason;
    }
    /** Sets {@code reason}. */
    public void setReason(String reason) {
        this.reason = reason;
    }
    /** The HTTP status the server meant, e.g. {@code 410} inside a watch ERROR event. */
    public Integer getCode() {
        return code;
    }
    /** Sets {@code code}. */
    public void setCode(Integer code) {
        this.code = code;
    }
    /** What the status is about (name, kind, causes); null when not sent. */
    public Details getDetails() {
        return details;
    }
    /** Sets {@code details}. */
    public void setDetails(Details details) {
        this.details = details;
    }
    /** CCI's error code, e.g. {@code CCI.02.409101}. */
    public String getErrorCode() {
        return errorCode;
    }
    /** Sets {@code errorCode}. */
    public void setErrorCode(String errorCode) {
        this.errorCode = errorCode;
    }

    /** Fields this class has no property for, kept as sent. */
    @JsonAnyGetter
    public Map<String, Object> additionalProperties() {
        return additionalProperties;
    }

    /** Keeps a field this class has no property for. */
    @JsonAnySetter
    public void setAdditionalProperty(String name, Object value) {
        additionalProperties.put(name, value);
    }

    /** Equal when every field, known or not, is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Status s
                && Objects.equals(kind, s.kind)
                && Objects.equals(apiVersion, s.apiVersion)
                && Objects.equals(metadata, s.metadata)
                && Objects.equals(status, s.status)
                && Objects.equals(message, s.message)
                && Objects.equals(reason, s.reason)
                && Objects.equals(code, s.code)
                && Objects.equals(details, s.details)
                && Objects.equals(errorCode, s.errorCode)
                && additionalProperties.equals(s.additionalProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                kind, apiVersion, metadata, status, message, reason, code, details, errorCode, additionalProperties);
    }

    /**
     * The fields that were sent, e.g. {@code Status{status=Success, details={name=web, kind=pods, uid=…}}} for a
     * delete, {@code Status{status=Failure, reason=AlreadyExists, message=…, code=409, errorCode=CCI.02.409101}} for
     * an error.
     */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "Status{", "}");
        add(s, "status", status);
        add(s, "reason", reason);
        add(s, "message", message);
        add(s, "code", code);
        add(s, "errorCode", errorCode);
        add(s, "details", details);
        return s.toString();
    }

    private static void add(StringJoiner s, String name, Object value) {
        if (value != null) {
            s.add(name + "=" + value);
        }
    }

    /** {@code Status.details}: what the status is about. */
    public static final class Details {
        private String name;
        private String group;
        private String kind;
        private String uid;
        /** Null when not sent, so that a Status is written back as it was read. */
        @JsonProperty("causes")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        private List<Cause> causes;

        private Integer retryAfterSeconds;
        private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

        /** The name of the object concerned. */
        public String getName() {
            return name;
        }
        /** Sets {@code name}. */
        public void setName(String name) {
            this.name = name;
        }
        /** The group of the object concerned. */
        public String getGroup() {
            return group;
        }
        /** Sets {@code group}. */
        public void setGroup(String group) {
            this.group = group;
        }
        /** {@code Status}. */
        public String getKind() {
            return kind;
        }
        /** Sets {@code kind}. */
        public void setKind(String kind) {
            this.kind = kind;
        }
        /** The uid of the object concerned. */
        public String getUid() {
            return uid;
        }
        /** Sets {@code uid}. */
        public void setUid(String uid) {
            this.uid = uid;
        }
        /** Which fields were wrong, and why; empty when not sent. */
        @JsonIgnore
        public List<Cause> getCauses() {
            return causes == null ? List.of() : causes;
        }
        /** Sets {@code causes} (null: not sent). */
        @JsonIgnore
        public void setCauses(List<Cause> causes) {
            this.causes = causes;
        }
        /** How long the server asks the client to wait, in seconds. */
        public Integer getRetryAfterSeconds() {
            return retryAfterSeconds;
        }
        /** Sets {@code retryAfterSeconds}. */
        public void setRetryAfterSeconds(Integer retryAfterSeconds) {
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** Fields this class has no property for, kept as sent. */
        @JsonAnyGetter
        public Map<String, Object> additionalProperties() {
            return additionalProperties;
        }

        /** Keeps a field this class has no property for. */
        @JsonAnySetter
        public void setAdditionalProperty(String name, Object value) {
            additionalProperties.put(name, value);
        }

        /** Equal when every field, known or not, is. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Details d
                    && Objects.equals(name, d.name)
                    && Objects.equals(group, d.group)
                    && Objects.equals(kind, d.kind)
                    && Objects.equals(uid, d.uid)
                    && getCauses().equals(d.getCauses())
                    && Objects.equals(retryAfterSeconds, d.retryAfterSeconds)
                    && additionalProperties.equals(d.additionalProperties);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, group, kind, uid, getCauses(), retryAfterSeconds, additionalProperties);
        }

        /** The fields that were sent, e.g. {@code {name=web, kind=pods, uid=…}}. */
        @Override
        public String toString() {
            StringJoiner s = new StringJoiner(", ", "{", "}");
            add(s, "name", name);
            add(s, "group", group);
            add(s, "kind", kind);
            add(s, "uid", uid);
            add(s, "causes", getCauses().isEmpty() ? null : causes);
            add(s, "retryAfterSeconds", retryAfterSeconds);
            return s.toString();
        }
    }

    /** One entry of {@code Status.details.causes}: which field was wrong, and why. */
    public static final class Cause {
        private String reason;
        private String message;
        private String field;
        private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

        /** Why the field was wrong, e.g. {@code FieldValueRequired}. */
        public String getReason() {
            return reason;
        }
        /** Sets {@code reason}. */
        public void setReason(String reason) {
            this.reason = reason;
        }
        /** A description for people. */
        public String getMessage() {
            return message;
        }
        /** Sets {@code message}. */
        public void setMessage(String message) {
            this.message = message;
        }
        /** The field concerned, e.g. {@code spec.containers[0].image}. */
        public String getField() {
            return field;
        }
        /** Sets {@code field}. */
        public void setField(String field) {
            this.field = field;
        }

        /** Fields this class has no property for, kept as sent. */
        @JsonAnyGetter
        public Map<String, Object> additionalProperties() {
            return additionalProperties;
        }

        /** Keeps a field this class has no property for. */
        @JsonAnySetter
        public void setAdditionalProperty(String name, Object value) {
            additionalProperties.put(name, value);
        }

        /** Equal when every field, known or not, is. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Cause c
                    && Objects.equals(reason, c.reason)
                    && Objects.equals(message, c.message)
                    && Objects.equals(field, c.field)
                    && additionalProperties.equals(c.additionalProperties);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reason, message, field, additionalProperties);
        }

        /** E.g. {@code {reason=FieldValueRequired, message=Required value, field=spec.containers[0].image}}. */
        @Override
        public String toString() {
            StringJoiner s = new StringJoiner(", ", "{", "}");
            add(s, "reason", reason);
            add(s, "message", message);
            add(s, "field", field);
            return s.toString();
        }
    }
}
