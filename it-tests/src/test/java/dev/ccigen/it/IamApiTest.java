package dev.ccigen.it;

import static dev.ccigen.it.FakeServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccigen.it.iam.IamClient;
import dev.ccigen.it.iam.model.AuthScope;
import dev.ccigen.it.iam.model.AuthScopeProject;
import dev.ccigen.it.iam.model.KeystoneCreateUserTokenByPasswordRequestBody;
import dev.ccigen.it.iam.model.KeystoneCreateUserTokenByPasswordResponseBody;
import dev.ccigen.it.iam.model.PwdAuth;
import dev.ccigen.it.iam.model.PwdIdentity;
import dev.ccigen.it.iam.model.PwdPassword;
import dev.ccigen.it.iam.model.PwdPasswordUser;
import dev.ccigen.it.iam.model.PwdPasswordUserDomain;
import dev.ccigen.runtime.ApiResponse;
import dev.ccigen.runtime.UnauthorizedException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operation-style client generated from the plain Swagger 2.0 IAM document (no listings, one class per tag). */
class IamApiTest {

    private static KeystoneCreateUserTokenByPasswordRequestBody request(String password) {
        return KeystoneCreateUserTokenByPasswordRequestBody.builder()
                .auth(PwdAuth.builder()
                        .identity(PwdIdentity.builder()
                                .methods(List.of("password"))
                                .password(PwdPassword.builder()
                                        .user(PwdPasswordUser.builder()
                                                .name("alice")
                                                .password(password)
                                                .domain(PwdPasswordUserDomain.builder()
                                                        .name("acme")
                                                        .build())
                                                .build())
                                        .build())
                                .build())
                        .scope(AuthScope.builder()
                                .project(AuthScopeProject.builder()
                                        .name("cn-north-4")
                                        .build())
                                .build())
                        .build())
                .build();
    }

    @Test
    void createsATokenWith201() throws IOException {
        try (FakeServer server = new FakeServer()) {
            server.on(
                    "POST",
                    "/v3/auth/tokens",
                    (call, ex) -> json(
                            ex,
                            201,
                            "{\"token\":{\"expires_at\":\"2024-05-02T08:00:00.000000Z\",\"methods\":[\"password\"],"
                                    + "\"user\":{\"name\":\"alice\",\"id\":\"u1\",\"domain\":{\"name\":\"acme\",\"id\":\"d1\"}}}}",
                            "X-Subject-Token",
                            "MIIT..."));
            try (IamClient iam = IamClient.builder().endpoint(server.uri()).build()) {
                KeystoneCreateUserTokenByPasswordResponseBody body =
                        iam.auth().keystoneCreateUserTokenByPassword(request("s3cret"), "true");
                assertEquals("alice", body.getToken().getUser().getName());
                assertEquals(2024, body.getToken().getExpiresAt().getYear());
                // the token itself comes in the X-Subject-Token header
                ApiResponse<KeystoneCreateUserTokenByPasswordResponseBody> response =
                        iam.auth().keystoneCreateUserTokenByPasswordWithResponse(request("s3cret"), "true");
                assertEquals(201, response.statusCode());
                assertEquals("MIIT...", response.header("x-subject-token"));
                assertTrue(!response.toString().contains("MIIT"), "toString hides the token");
            }
            FakeServer.Call call = server.calls.get(0);
            assertEquals("nocatalog=true", call.query());
            assertEquals(
                    "password",
                    new ObjectMapper()
                            .readTree(call.body())
                            .at("/auth/identity/methods/0")
                            .asText());
        }
    }

    @Test
    void iamErrorBody() throws IOException {
        try (FakeServer server = new FakeServer()) {
            server.on(
                    "POST",
                    "/v3/auth/tokens",
                    (call, ex) -> json(
                            ex,
                            401,
                            "{\"error\":{\"code\":401,\"message\":\"The username or password is wrong.\",\"title\":\"Unauthorized\"}}"));
            try (IamClient iam = IamClient.builder().endpoint(server.uri()).build()) {
                UnauthorizedException e = assertThrows(
                        UnauthorizedException.class,
                        () -> iam.auth().keystoneCreateUserTokenByPassword(request("wrong"), null));
                assertEquals("The username or password is wrong.", e.errorMessage());
                assertTrue(!e.getMessage().contains("wrong\""), "the password is not echoed");
            }
        }
    }
}
