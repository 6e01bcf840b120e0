package dev.ccigen.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;

/**
 * The one Jackson configuration shared by all generated code.
 *
 * <p>Unknown properties are ignored so that a newer server never breaks an older client; {@code null}
 * fields are left out because Kubernetes treats an absent field and an explicit {@code null} differently
 * in patches. {@link OffsetDateTime} is written the way Kubernetes writes {@code Time} (UTC, whole
 * seconds, see {@link Rfc3339}); fields of type {@code MicroTime} opt into
 * {@link Rfc3339.MicroTimeSerializer} with {@code @JsonSerialize}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = create();

    private Json() {}

    /** The shared mapper. It is thread-safe; do not reconfigure it, {@code copy()} it instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper create() {
        SimpleModule kubernetesTime = new SimpleModule("kubernetes-time");
        kubernetesTime.addSerializer(OffsetDateTime.class, new Rfc3339.TimeSerializer());
        kubernetesTime.addDeserializer(OffsetDateTime.class, new Rfc3339.LenientDeserializer());
        ObjectMapper mapper = new ObjectMapper();
        // Registered after JavaTimeModule so that the Kubernetes formats win for OffsetDateTime.
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(kubernetesTime);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // A property that is null is left out; a null inside a map is written, as Kubernetes writes it
        // ({"disruptedPods": {"a-pod": null}}): the content inclusion of Include.NON_NULL alone would drop the entry.
        mapper.setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));
        return mapper;
    }
}
