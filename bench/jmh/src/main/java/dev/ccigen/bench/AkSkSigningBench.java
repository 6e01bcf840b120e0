package dev.ccigen.bench;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import dev.ccigen.runtime.AkSkSigner;
import dev.ccigen.runtime.Credentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Signing one request with AK/SK: the signer ccigen generates ({@code AkSkSigner}, JDK only) against Huawei Cloud's own
 * ({@code AKSKSigner} of huaweicloud-sdk-core). The request is a typical write: a PUT of a Pod of about 2 KB with a
 * query and the headers a client sends; each side gets it built the way its users build it, once, and signs it per
 * operation (canonical request, SHA-256 of the body, HMAC). Both sign the same instant and must agree, checked in
 * setup. {@code main} runs both and prints the ratio ccigen/official (lower is better; the target is at most 1):
 * {@code java -cp bench/jmh/target/benchmarks.jar dev.ccigen.bench.AkSkSigningBench [JMH options]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AkSkSigningBench {
    private static final String ENDPOINT = "https://cci.cn-north-4.myhuaweicloud.com";
    private static final String PATH = "/api/v1/namespaces/my-namespace/pods/web-0";
    private static final String AK = "AKEXAMPLEBENCH000001";
    private static final String SK = "bench-secret-key-0123456789abcdefghij";

    URI uri;
    Map<String, String> headers;
    byte[] body;
    Credentials credentials;
    Instant now;
    HttpRequest official;
    BasicCredentials officialCredentials;

    @Setup(Level.Trial)
    public void setUp() {
        String pod = PodListJson.podList(1);
        String json = pod.substring(pod.indexOf("\"items\":[") + 9, pod.lastIndexOf(']'));
        body = json.getBytes(StandardCharsets.UTF_8);
        uri = URI.create(ENDPOINT + PATH + "?dryRun=All&fieldManager=ccigen&pretty=false");
        headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(Map.of("Accept", "application/json", "User-Agent", "ccigen-client",
                "Content-Type", "application/json", "X-Project-Id", "0123456789abcdef0123456789abcdef"));
        credentials = Credentials.of(AK, SK);
        now = Instant.parse("2026-12-02T08:00:00Z");

        Map<String, String> ours = AkSkSigner.sign("PUT", uri, headers, body, credentials, now);
        HttpRequest.HttpRequestBuilder request = HttpRequest.newBuilder().withEndpoint(ENDPOINT).withPath(PATH)
                .withMethod(HttpMethod.PUT).withContentType("application/json").withBodyAsString(json)
                .addQueryParam("dryRun", List.of("All")).addQueryParam("fieldManager", List.of("ccigen"))
                .addQueryParam("pretty", List.of("false"))
                .addHeader("X-Sdk-Date", ours.get("X-Sdk-Date")); // the same instant: the SDK signs the date it is given
        headers.forEach((name, value) -> {
            if (!name.equals("Content-Type")) {
                request.addHeader(name, value);
            }
        });
        official = request.build();
        officialCredentials = new BasicCredentials().withAk(AK).withSk(SK);
        String theirs = AKSKSigner.getInstance().sign(official, officialCredentials).get("Authorization");
        if (!ours.get("Authorization").equals(theirs)) {
            throw new IllegalStateException("the signers disagree:\n  ccigen   " + ours.get("Authorization")
                    + "\n  official " + theirs);
        }
    }

    @Benchmark
    public Object signCcigen() {
        return AkSkSigner.sign("PUT", uri, headers, body, credentials, now);
    }

    @Benchmark
    public Object signOfficial() {
        return AKSKSigner.getInstance().sign(official, officialCredentials);
    }

    /** Runs both benchmarks (JMH options as arguments, e.g. {@code -f 1 -wi 3 -i 5}) and prints the ratio. */
    public static void main(String[] args) throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.parent(new CommandLineOptions(args)).include(AkSkSigningBench.class.getName() + "\\.sign");
        Collection<RunResult> results = new Runner(options.build()).run();
        double ccigen = score(results, "signCcigen");
        double official = score(results, "signOfficial");
        System.out.printf("AK/SK signing, one request: ccigen %.2f us, official SDK %.2f us, ccigen/official = %.2f%n",
                ccigen, official, ccigen / official);
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst().orElse(Double.NaN);
    }
}
