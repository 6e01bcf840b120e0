package dev.ccigen.testserver;

import static dev.ccigen.testserver.TestHttp.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTest {

    private static JsonNode one(String yaml) {
        List<JsonNode> docs = Yaml.read(yaml);
        assertEquals(1, docs.size(), docs.toString());
        return docs.get(0);
    }

    @Test
    void readsAManifestAsKubectlWritesThem() {
        JsonNode pod = one("""
                # a pod
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web   # trailing comment
                  labels: {app: web, "tier": 'front'}
                  annotations:
                    note: "a: b # not a comment"
                spec:
                  containers:
                  - name: app
                    image: nginx:1.25
                    args: ["-g", 'daemon off;']
                    ports:
                      - containerPort: 80
                        protocol: TCP
                    env:
                    - {name: A, value: "1"}
                  restartPolicy: Always
                  terminationGracePeriodSeconds: 30
                  hostNetwork: false
                  nodeSelector: {}
                  priority: ~
                """);
        assertEquals(
                q("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web','labels':{'app':'web','tier':'front'},"
                        + "'annotations':{'note':'a: b # not a comment'}},'spec':{'containers':[{'name':'app',"
                        + "'image':'nginx:1.25','args':['-g','daemon off;'],'ports':[{'containerPort':80,"
                        + "'protocol':'TCP'}],'env':[{'name':'A','value':'1'}]}],'restartPolicy':'Always',"
                        + "'terminationGracePeriodSeconds':30,'hostNetwork':false,'nodeSelector':{},'priority':null}}"),
                pod.toString());
    }

    @Test
    void blockScalarsAndMultiLineScalars() {
        JsonNode data = one("""
                data:
                  literal: |
                    line 1
                      indented
                    line 3
                  stripped: |-
                    no newline
                  folded: >
                    one
                    two

                    three
                  plain: a long
                    plain scalar
                  quoted: "first
                    second"
                  script: |
                    #!/bin/sh
                    echo "# not a comment"
                """).path("data");
        assertEquals("line 1\n  indented\nline 3\n", data.path("literal").asText());
        assertEquals("no newline", data.path("stripped").asText());
        assertEquals("one two\nthree\n", data.path("folded").asText());
        assertEquals("a long plain scalar", data.path("plain").asText());
        assertEquals("first second", data.path("quoted").asText());
        assertEquals(
                "#!/bin/sh\necho \"# not a comment\"\n", data.path("script").asText());
    }

    @Test
    void documentsScalarsAndErrors() {
        List<JsonNode> docs = Yaml.read("---\na: 1\n---\n# nothing\n---\n- x\n- - y\n  - z\n...\n");
        assertEquals(2, docs.size());
        assertEquals(q("['x',['y','z']]"), docs.get(1).toString());
        JsonNode s = one("i: 42\nf: 1.5\nt: true\nn: null\ns: '042'\nv: 1.25.0\nh: 0x1f\nneg: -7\nq: 'it''s'\n"
                + "e: \"tab\\there\\u00e9\"");
        assertEquals(42, s.path("i").asInt());
        assertTrue(s.path("f").isDouble());
        assertEquals("042", s.path("s").asText());
        assertEquals("1.25.0", s.path("v").asText());
        assertEquals(31, s.path("h").asInt());
        assertEquals(-7, s.path("neg").asInt());
        assertEquals("it's", s.path("q").asText());
        assertEquals("tab\there\u00e9", s.path("e").asText());
        IllegalArgumentException alias =
                assertThrows(IllegalArgumentException.class, () -> Yaml.read("a: &x 1\nb: *x\n"));
        assertTrue(alias.getMessage().startsWith("line 1: anchors"), alias.getMessage());
        IllegalArgumentException indent =
                assertThrows(IllegalArgumentException.class, () -> Yaml.read("a:\n  b: 1\n c: 2\n"));
        assertTrue(indent.getMessage().startsWith("line 3"), indent.getMessage());
    }
}
