package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/** A Secret's {@code stringData}: merged into {@code data} (base64, over any key of the same name), never stored. */
final class Secrets {
    private Secrets() {}

    /** Moves {@code stringData} into {@code data} when {@code object} is a core Secret. */
    static void mergeStringData(ResourceType type, ObjectNode object) {
        if (!type.group().isEmpty() || !type.plural().equals("secrets")) {
            return;
        }
        JsonNode stringData = object.remove("stringData");
        if (stringData == null || !stringData.isObject() || stringData.isEmpty()) {
            return;
        }
        ObjectNode data = object.objectNode();
        if (object.get("data") instanceof ObjectNode existing) {
            data.setAll(existing);
        }
        Base64.Encoder base64 = Base64.getEncoder();
        for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            data.put(e.getKey(), base64.encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        }
        object.set("data", data);
    }
}
