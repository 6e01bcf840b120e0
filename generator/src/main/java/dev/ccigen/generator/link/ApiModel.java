package dev.ccigen.generator.link;

import java.util.List;
import java.util.Map;

/**
 * The linked API model: what to generate, with every Java name and type already decided. It is the
 * Mustache context of every template (documented, name by name, in {@code templates/README.md}).
 * Immutable; lists are in a stable order so identical inputs render identical bytes.
 *
 * @param basePackage      the user's base package, e.g. {@code com.example.cci}
 * @param modelPackage     {@code <basePackage>.model}
 * @param apiPackage       {@code <basePackage>.api}
 * @param runtimePackage   {@code dev.ccigen.runtime}, the {@code ccigen-runtime} library's, or {@code <basePackage>.runtime}
 *                         when its sources are written inline
 * @param clientName       the client's simple class name, e.g. {@code CciClient}, in {@code basePackage}
 * @param defaultEndpoint  {@code https://<host>} from the document's {@code host} and {@code schemes} (literal), the
 *                         client builder's endpoint until the user sets one; null when the document names no host
 * @param types            one entry per model class
 * @param groupVersions    the resource-style API, one entry per served group-version
 * @param operationGroups  the operation-style API, one class per tag
 * @param kinds            every (apiVersion, kind) with its model class, for {@code Kinds}
 * @param errorCodes       the document's {@code x-ccigen-error-codes}, for {@code ErrorCodes}
 * @param templateProperties the user's extra template properties (from the plugin's {@code templateProperties})
 */
public record ApiModel(
        String title,
        String version,
        List<String> javadoc,
        String basePackage,
        String modelPackage,
        String apiPackage,
        String runtimePackage,
        String clientName,
        String defaultEndpoint,
        List<TypeModel> types,
        List<GroupVersionModel> groupVersions,
        List<OperationGroupModel> operationGroups,
        List<KindModel> kinds,
        List<ErrorCodeModel> errorCodes,
        Map<String, String> templateProperties) {

    /** Whether generated code uses the {@code ccigen-runtime} library (else its sources are written inline). */
    public boolean runtimeLibrary() {
        return runtimePackage.equals(LinkOptions.LIBRARY_RUNTIME_PACKAGE);
    }

    /** The test server's generic part: the {@code ccigen-test-server} library's package, or the inline copy's. */
    public String testServerPackage() {
        return runtimeLibrary() ? LinkOptions.LIBRARY_TEST_SERVER_PACKAGE : basePackage + ".testserver";
    }

    /** The version of ccigen that generates this code, which the client checks the runtime library against. */
    public String ccigenVersion() {
        return GeneratorVersion.VERSION;
    }

    public boolean hasErrorCodes() {
        return !errorCodes.isEmpty();
    }

    /** The client's first accessor (a group-version's, else a tag's), for the client's Javadoc example; null if none. */
    public String exampleAccessor() {
        return !groupVersions.isEmpty()
                ? groupVersions.get(0).accessor()
                : !operationGroups.isEmpty() ? operationGroups.get(0).accessor() : null;
    }

    /** One (apiVersion, kind) pair and the class that holds it. */
    public record KindModel(String apiVersion, String kind, String qualifiedName) {}

    /** One row of an API's error-code table; the text fields are escaped for a Java string literal. */
    public record ErrorCodeModel(String code, int status, String message, String meaning) {}
}
