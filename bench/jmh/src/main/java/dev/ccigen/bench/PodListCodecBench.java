package dev.ccigen.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1PodList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding and encoding a PodList of 1,000 pods (about 8.4 MB of JSON) with: the models ccigen generates from the
 * Kubernetes 1.20 document (Jackson 2, through the generated {@code Json.mapper()}), fabric8's models (through
 * {@link KubernetesSerialization}, what its client uses), and the official Kubernetes Java client's models (Gson,
 * through its {@link JSON} class). Run with {@code -prof gc} for the allocation rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PodListCodecBench {
    static final int PODS = 1_000;

    String json;
    ObjectMapper ccigenMapper;
    KubernetesSerialization fabric8;
    dev.ccigen.bench.k8s.model.core.v1.PodList ccigenList;
    io.fabric8.kubernetes.api.model.PodList fabric8List;
    V1PodList officialList;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        json = PodListJson.podList(PODS);
        ccigenMapper = dev.ccigen.runtime.Json.mapper();
        fabric8 = new KubernetesSerialization();
        ccigenList = ccigenMapper.readValue(json, dev.ccigen.bench.k8s.model.core.v1.PodList.class);
        fabric8List = fabric8.unmarshal(json, io.fabric8.kubernetes.api.model.PodList.class);
        officialList = JSON.deserialize(json, V1PodList.class);
        check("ccigen", ccigenList.getItems().size(),
                ccigenList.getItems().get(PODS - 1).getSpec().getContainers().get(2).getEnv().size());
        check("fabric8", fabric8List.getItems().size(),
                fabric8List.getItems().get(PODS - 1).getSpec().getContainers().get(2).getEnv().size());
        check("official", officialList.getItems().size(),
                officialList.getItems().get(PODS - 1).getSpec().getContainers().get(2).getEnv().size());
    }

    private static void check(String who, int pods, int env) {
        if (pods != PODS || env != 8) {
            throw new IllegalStateException(who + " decoded " + pods + " pods, " + env + " env vars");
        }
    }

    @Benchmark
    public Object decodeCcigen() throws Exception {
        return ccigenMapper.readValue(json, dev.ccigen.bench.k8s.model.core.v1.PodList.class);
    }

    @Benchmark
    public Object decodeFabric8() {
        return fabric8.unmarshal(json, io.fabric8.kubernetes.api.model.PodList.class);
    }

    @Benchmark
    public Object decodeOfficial() {
        return JSON.deserialize(json, V1PodList.class);
    }

    @Benchmark
    public String encodeCcigen() throws Exception {
        return ccigenMapper.writeValueAsString(ccigenList);
    }

    @Benchmark
    public String encodeFabric8() {
        return fabric8.asJson(fabric8List);
    }

    @Benchmark
    public String encodeOfficial() {
        return JSON.serialize(officialList);
    }
}
