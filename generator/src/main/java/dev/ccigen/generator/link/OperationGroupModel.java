package dev.ccigen.generator.link;

import java.util.List;

/**
 * The operation-style API: one class per tag, one method per operation.
 *
 * @param tag        the tag as the document writes it
 * @param imports    fully qualified model classes the class needs, sorted
 */
public record OperationGroupModel(
        String tag,
        String packageName,
        String className,
        String accessor,
        List<String> imports,
        List<OperationModel> operations) {

    /**
     * One operation.
     *
     * @param signature    the method's parameter declarations, e.g. {@code String namespace, Pod body, Boolean pretty}
     * @param arguments    the same parameters as a call's arguments, e.g. {@code namespace, body, pretty}
     * @param requestMethod the private method that builds the request
     * @param withResponseMethod the method that also returns status and headers (when the document declares
     *                     response headers, else null), e.g. {@code createTokenWithResponse}
     * @param returnType   the decoded body's Java type ({@code void} when none)
     * @param returnTypeToken Java text of the runtime type token: {@code Token.class} or
     *                     {@code new TypeReference<List<Foo>>() {}}
     * @param responseHeaders headers the document declares on the success response (e.g. {@code X-Subject-Token})
     * @param formParameters {@code in: formData} parameters, sent as the body
     * @param accept       the Accept header for an operation that produces no JSON (e.g. {@code text/plain}); null
     *                     otherwise (the client asks for {@code application/json})
     * @param formEncoding {@code multipart/form-data} (a file among them, or the document consumes it) or
     *                     {@code application/x-www-form-urlencoded}; null without form parameters
     */
    public record OperationModel(
            String operationId,
            String methodName,
            String httpMethod,
            String path,
            List<String> javadoc,
            boolean deprecated,
            String signature,
            String arguments,
            String requestMethod,
            String withResponseMethod,
            List<ParameterModel> parameters,
            List<ParameterModel> pathParameters,
            List<ParameterModel> queryParameters,
            List<ParameterModel> headerParameters,
            List<ParameterModel> formParameters,
            ParameterModel body,
            String formEncoding,
            String contentType,
            String accept,
            String returnType,
            String boxedReturnType,
            String returnTypeToken,
            int successStatus,
            List<String> responseHeaders) {
        public boolean returnsVoid() {
            return returnType.equals("void");
        }
    }

    /**
     * One parameter of an operation.
     *
     * @param name     the Java parameter name
     * @param wireName the name on the wire, escaped for a Java string literal
     * @param multi    a list sent as one parameter per item ({@code collectionFormat: multi}, query and form only)
     * @param separator a list sent as one value: its items' separator as a Java literal ({@code ,} for the default
     *                 {@code csv}, {@code " "}, {@code \t}, {@code |}); null for anything else
     */
    public record ParameterModel(
            String name,
            String wireName,
            String javaType,
            boolean required,
            String in,
            List<String> javadoc,
            boolean multi,
            String separator) {}
}
