package dev.ccigen.maven.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The layout of fetched files. */
class CanonicalJsonTest {

    @Test
    void keysSortedTwoSpacesEmptyContainersAndATrailingNewline() throws Exception {
        JsonNode node = CanonicalJson.JSON.readTree("{\"b\":[1,{\"y\":{},\"x\":[]}],\"a\":1.50}");
        assertEquals(
                "{\n  \"a\": 1.50,\n  \"b\": [\n    1,\n    {\n      \"x\": [],\n      \"y\": {}\n    }\n  ]\n}\n",
                new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8));
    }

    /** Two fetch executions of a parallel Maven build write at once: neither disturbs the other's indentation. */
    @Test
    void threadsWritingAtOnceEachGetTheSameBytes() throws Exception {
        JsonNode node = CanonicalJson.JSON.readTree("{\"a\":{\"b\":{\"c\":[{\"d\":[1,2,{\"e\":{}}]}]}},\"f\":[[[]]]}");
        String expected = new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> written = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                written.add(threads.submit(() -> new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8)));
            }
            for (Future<String> f : written) {
                assertEquals(expected, f.get());
            }
        } finally {
            threads.shutdown();
        }
    }
}
