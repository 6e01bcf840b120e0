package dev.ccigen.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccigen.runtime.Json;
import dev.ccigen.runtime.Quantity;
import dev.ccigen.runtime.Rfc3339;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * What the scalar types of ccigen's runtime cost in a PodList of 1,000 pods (9,000 timestamps, 12,000 quantities):
 * parsing and writing them alone, warm, through the generated {@code Json.mapper()}. Evidence for bench/RESULTS.md.
 *
 * <p>Usage: {@code java -cp bench/jmh/target/benchmarks.jar dev.ccigen.bench.ScalarCost}
 */
public final class ScalarCost {
    public static void main(String[] args) throws Exception {
        String[] times = new String[9_000];
        String[] quantities = new String[12_000];
        for (int i = 0; i < times.length; i++) {
            times[i] = String.format(Locale.ROOT, "2024-%02d-%02dT%02d:%02d:%02dZ", 1 + i % 12, 1 + i % 28, i % 24,
                    i % 60, (i * 7) % 60);
        }
        for (int i = 0; i < quantities.length; i++) {
            quantities[i] = i % 2 == 0 ? (100 + i % 900) + "m" : (128 << (i % 3)) + "Mi";
        }
        ObjectMapper mapper = Json.mapper();
        String timesJson = mapper.writeValueAsString(times);
        String quantitiesJson = mapper.writeValueAsString(quantities);
        for (int round = 1; round <= 30; round++) {
            long t0 = System.nanoTime();
            Object last = null;
            for (String s : times) {
                last = Rfc3339.parse(s);
            }
            long t1 = System.nanoTime();
            OffsetDateTime[] parsed = mapper.readValue(timesJson, OffsetDateTime[].class);
            long t2 = System.nanoTime();
            Quantity[] q = mapper.readValue(quantitiesJson, Quantity[].class);
            long t3 = System.nanoTime();
            String written = mapper.writeValueAsString(parsed);
            long t4 = System.nanoTime();
            if (round > 25) {
                System.out.printf(Locale.ROOT, "round %d: 9,000 x Rfc3339.parse %.2f ms; 9,000 timestamps read via "
                        + "Json.mapper %.2f ms; 12,000 quantities read %.2f ms; 9,000 timestamps written %.2f ms "
                        + "(%d/%d/%d)%n", round, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6,
                        last.hashCode() & 1, q.length, written.length());
            }
        }
    }
}
