package dev.ccigen.runtime;

import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Plain Swagger 2.0 on the wire: lists in the query and headers, form fields (url-encoded, multipart), file responses. */
class WireFormatsTest {

    @Test
    void listsGoAsOneParameterPerItemOrAsOneSeparatedValue() {
        Request multi = Request.builder("GET", "/pets")
                .query("status", List.of("available", "sold"))
                .build();
        assertEquals("status=available&status=sold", Request.queryString(multi.query()));
        assertEquals("a,b", Request.joined(List.of("a", "b"), ","));
        assertEquals(",b", Request.joined(List.of("", "b"), ","), "an empty first item keeps its separator");
        assertEquals("a|b c", Request.joined(List.of("a", "b c"), "|"));
        assertEquals(null, Request.joined(null, ","));
        Request csv = Request.builder("GET", "/pets")
                .query("tags", Request.joined(List.of("x", "y"), ","))
                .build();
        assertEquals("tags=x%2Cy", Request.queryString(csv.query()));
    }

    @Test
    void formFieldsAreUrlEncodedByDefault() {
        Request r = Request.builder("POST", "/pet/1")
                .form("name", "Rex & Co")
                .form("status", null)
                .form("tag", List.of("a b", "c"))
                .formEncoding("application/x-www-form-urlencoded")
                .build();
        assertEquals("application/x-www-form-urlencoded", r.contentType());
        assertEquals(
                "name=Rex%20%26%20Co&tag=a%20b&tag=c",
                new String(r.body(), StandardCharsets.UTF_8), "null fields are left out, lists repeat");
    }

    @Test
    void aFileMakesTheFormMultipart() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        Request r = Request.builder("POST", "/pet/1/uploadImage")
                .form("additionalMetadata", "über")
                .form("file", png)
                .build();
        assertTrue(r.contentType().startsWith("multipart/form-data; boundary="), r.contentType());
        String boundary = r.contentType().substring(r.contentType().indexOf("boundary=") + 9);
        byte[] body = r.body();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertTrue(
                text.startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"additionalMetadata\"\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + new String("über".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + "\r\n"),
                text);
        String fileHead = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        int at = text.indexOf(fileHead) + fileHead.length();
        assertTrue(at > fileHead.length(), text);
        assertEquals(
                Arrays.toString(png),
                Arrays.toString(Arrays.copyOfRange(body, at, at + png.length)),
                "the bytes as they are");
        assertTrue(text.endsWith("\r\n--" + boundary + "--\r\n"), text);
    }

    @Test
    void theServerReceivesTheFormAsSent() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder()
                    .code(200)
                    .body("{}")
                    .addHeader("Content-Type", "application/json")
                    .build());
            Transport transport = new ClientBuilder<>(t -> t)
                    .endpoint(uri(server))
                    .token("secret-token")
                    .build();
            transport.call(
                    Request.builder("POST", "/pet/7")
                            .form("name", "Rex")
                            .form("status", "sold")
                            .build(),
                    com.fasterxml.jackson.databind.JsonNode.class);
            RecordedRequest recorded = server.takeRequest();
            assertEquals(
                    "application/x-www-form-urlencoded", recorded.getHeaders().get("Content-Type"));
            assertEquals("name=Rex&status=sold", recorded.getBody().utf8());
        }
    }

    @Test
    void aFileResponseIsItsBytesAndJsonBytesAreBase64() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
            server.enqueue(new MockResponse.Builder()
                    .code(200)
                    .body(new okio.Buffer().write(png))
                    .addHeader("Content-Type", "image/png")
                    .build());
            server.enqueue(new MockResponse.Builder()
                    .code(200)
                    .body("\"AQID\"")
                    .addHeader("Content-Type", "application/json")
                    .build());
            Transport transport = new ClientBuilder<>(t -> t)
                    .endpoint(uri(server))
                    .token("secret-token")
                    .build();
            byte[] file = transport.call(Request.builder("GET", "/pet/1/image").build(), byte[].class);
            assertEquals(Arrays.toString(png), Arrays.toString(file));
            byte[] decoded = transport.call(Request.builder("GET", "/blob").build(), byte[].class);
            assertEquals("[1, 2, 3]", Arrays.toString(decoded), "a JSON string of type byte is base64");
        }
    }

    @Test
    void aBodyGoesAsTheOperationConsumesIt() {
        byte[] blob = {0, 1, (byte) 0xfe};
        assertEquals(
                Arrays.toString(blob),
                Arrays.toString(Request.builder("PUT", "/blobs")
                        .body(blob, "application/octet-stream")
                        .build()
                        .body()),
                "bytes as they are");
        assertEquals(
                "a \"note\"",
                new String(
                        Request.builder("POST", "/notes")
                                .body("a \"note\"", "text/plain")
                                .build()
                                .body(),
                        StandardCharsets.UTF_8));
        assertEquals(
                "\"AAH+\"",
                new String(
                        Request.builder("POST", "/x")
                                .body(blob, "application/json")
                                .build()
                                .body(),
                        StandardCharsets.UTF_8),
                "JSON: base64");
        Request json = Request.builder("POST", "/x")
                .body(java.util.Map.of("k", "v"), "application/merge-patch+json")
                .build();
        assertEquals("{\"k\":\"v\"}", new String(json.body(), StandardCharsets.UTF_8));
        assertEquals("application/merge-patch+json", json.contentType());
        assertEquals(
                null,
                Request.builder("POST", "/x").body(null, "text/plain").build().body());
    }
}
