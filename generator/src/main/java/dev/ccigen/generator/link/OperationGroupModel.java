package dev.ccigen.generator.link;

import java.util.List;

/**
 * The operation-style API: one class per tag, one method per operation; and the server's discovery documents.
 *
 * @param tag        the tag as the document writes it ({@code discovery} for the discovery documents)
 * @param discovery  whether this is {@code client.discovery()}: the documents that say which API groups and versions
 *                   the server serves ({@code /api/}, {@code /apis/}, {@code /apis/<group>/}), whatever their tags
 * @param imports    every class the class writes by simple name (models, the runtime's, the JDK's), sorted
 */
public record OperationGroupModel(
        String tag,
        String packageName,
        String className,
        String accessor,
        boolean discovery,
        List<String> imports,
        List<OperationModel> operations) {

    /** One operation, built by a {@link Builder}; its fields are in the order templates/README.md lists them. */
    public static final class OperationModel {
        private final String operationId;
        private final String methodName;
        private final String httpMethod;
        private final String path;
        private final List<String> javadoc;
        private final boolean deprecated;
        private final String signature;
        private final String arguments;
        private final String requestMethod;
        private final String withResponseMethod;
        private final List<ParameterModel> parameters;
        private final List<ParameterModel> pathParameters;
        private final List<ParameterModel> queryParameters;
        private final List<ParameterModel> headerParameters;
        private final List<ParameterModel> formParameters;
        private final ParameterModel body;
        private final String formEncoding;
        private final String contentType;
        private final String accept;
        private final String returnType;
        private final String boxedReturnType;
        private final String returnTypeToken;
        private final int successStatus;
        private final List<String> responseHeaders;

        private OperationModel(Builder b) {
            operationId = b.operationId;
            methodName = b.methodName;
            httpMethod = b.httpMethod;
            path = b.path;
            javadoc = b.javadoc;
            deprecated = b.deprecated;
            signature = b.signature;
            arguments = b.arguments;
            requestMethod = b.requestMethod;
            withResponseMethod = b.withResponseMethod;
            parameters = b.parameters;
            pathParameters = b.pathParameters;
            queryParameters = b.queryParameters;
            headerParameters = b.headerParameters;
            formParameters = b.formParameters;
            body = b.body;
            formEncoding = b.formEncoding;
            contentType = b.contentType;
            accept = b.accept;
            returnType = b.returnType;
            boxedReturnType = b.boxedReturnType;
            returnTypeToken = b.returnTypeToken;
            successStatus = b.successStatus;
            responseHeaders = b.responseHeaders;
        }

        static Builder builder() {
            return new Builder();
        }

        /** The operationId, escaped for a Java string literal ({@code "null"} when the document has none). */
        public String operationId() {
            return operationId;
        }

        public String methodName() {
            return methodName;
        }

        /** {@code GET}, {@code POST} …. */
        public String httpMethod() {
            return httpMethod;
        }

        /** The path after the document's {@code basePath}, escaped for a Java string literal. */
        public String path() {
            return path;
        }

        public List<String> javadoc() {
            return javadoc;
        }

        public boolean deprecated() {
            return deprecated;
        }

        /** The method's parameter declarations, e.g. {@code String namespace, Pod body, Boolean pretty}. */
        public String signature() {
            return signature;
        }

        /** The same parameters as a call's arguments, e.g. {@code namespace, body, pretty}. */
        public String arguments() {
            return arguments;
        }

        /** The private method that builds the request. */
        public String requestMethod() {
            return requestMethod;
        }

        /**
         * The method that also returns status and headers (when the document declares response headers, else
         * null), e.g. {@code createTokenWithResponse}.
         */
        public String withResponseMethod() {
            return withResponseMethod;
        }

        public List<ParameterModel> parameters() {
            return parameters;
        }

        public List<ParameterModel> pathParameters() {
            return pathParameters;
        }

        public List<ParameterModel> queryParameters() {
            return queryParameters;
        }

        public List<ParameterModel> headerParameters() {
            return headerParameters;
        }

        /** {@code in: formData} parameters, sent as the body. */
        public List<ParameterModel> formParameters() {
            return formParameters;
        }

        public ParameterModel body() {
            return body;
        }

        /**
         * {@code multipart/form-data} (a file among them, or the document consumes it) or {@code
         * application/x-www-form-urlencoded}; null without form parameters.
         */
        public String formEncoding() {
            return formEncoding;
        }

        public String contentType() {
            return contentType;
        }

        /**
         * The Accept header for an operation that produces no JSON (e.g. {@code text/plain}); null otherwise
         * (the client asks for {@code application/json}).
         */
        public String accept() {
            return accept;
        }

        /** The decoded body's Java type ({@code void} when none). */
        public String returnType() {
            return returnType;
        }

        public String boxedReturnType() {
            return boxedReturnType;
        }

        /**
         * Java text of the runtime type token: {@code Token.class} or {@code new TypeReference<List<Foo>>() {}}.
         */
        public String returnTypeToken() {
            return returnTypeToken;
        }

        public int successStatus() {
            return successStatus;
        }

        /** Headers the document declares on the success response (e.g. {@code X-Subject-Token}). */
        public List<String> responseHeaders() {
            return responseHeaders;
        }

        public boolean returnsVoid() {
            return returnType.equals("void");
        }

        @Override
        public String toString() {
            return "OperationModel(" + httpMethod + " " + path + ")";
        }

        /** Builds an {@link OperationModel}; lists default to empty, the rest to null and false. */
        static final class Builder {
            private String operationId;
            private String methodName;
            private String httpMethod;
            private String path;
            private List<String> javadoc = List.of();
            private boolean deprecated;
            private String signature;
            private String arguments;
            private String requestMethod;
            private String withResponseMethod;
            private List<ParameterModel> parameters = List.of();
            private List<ParameterModel> pathParameters = List.of();
            private List<ParameterModel> queryParameters = List.of();
            private List<ParameterModel> headerParameters = List.of();
            private List<ParameterModel> formParameters = List.of();
            private ParameterModel body;
            private String formEncoding;
            private String contentType;
            private String accept;
            private String returnType;
            private String boxedReturnType;
            private String returnTypeToken;
            private int successStatus;
            private List<String> responseHeaders = List.of();

            private Builder() {}

            Builder operationId(String operationId) {
                this.operationId = operationId;
                return this;
            }

            Builder methodName(String methodName) {
                this.methodName = methodName;
                return this;
            }

            Builder httpMethod(String httpMethod) {
                this.httpMethod = httpMethod;
                return this;
            }

            Builder path(String path) {
                this.path = path;
                return this;
            }

            Builder javadoc(List<String> javadoc) {
                this.javadoc = javadoc;
                return this;
            }

            Builder deprecated(boolean deprecated) {
                this.deprecated = deprecated;
                return this;
            }

            Builder signature(String signature) {
                this.signature = signature;
                return this;
            }

            Builder arguments(String arguments) {
                this.arguments = arguments;
                return this;
            }

            Builder requestMethod(String requestMethod) {
                this.requestMethod = requestMethod;
                return this;
            }

            Builder withResponseMethod(String withResponseMethod) {
                this.withResponseMethod = withResponseMethod;
                return this;
            }

            Builder parameters(List<ParameterModel> parameters) {
                this.parameters = parameters;
                return this;
            }

            Builder pathParameters(List<ParameterModel> pathParameters) {
                this.pathParameters = pathParameters;
                return this;
            }

            Builder queryParameters(List<ParameterModel> queryParameters) {
                this.queryParameters = queryParameters;
                return this;
            }

            Builder headerParameters(List<ParameterModel> headerParameters) {
                this.headerParameters = headerParameters;
                return this;
            }

            Builder formParameters(List<ParameterModel> formParameters) {
                this.formParameters = formParameters;
                return this;
            }

            Builder body(ParameterModel body) {
                this.body = body;
                return this;
            }

            Builder formEncoding(String formEncoding) {
                this.formEncoding = formEncoding;
                return this;
            }

            Builder contentType(String contentType) {
                this.contentType = contentType;
                return this;
            }

            Builder accept(String accept) {
                this.accept = accept;
                return this;
            }

            Builder returnType(String returnType) {
                this.returnType = returnType;
                return this;
            }

            Builder boxedReturnType(String boxedReturnType) {
                this.boxedReturnType = boxedReturnType;
                return this;
            }

            Builder returnTypeToken(String returnTypeToken) {
                this.returnTypeToken = returnTypeToken;
                return this;
            }

            Builder successStatus(int successStatus) {
                this.successStatus = successStatus;
                return this;
            }

            Builder responseHeaders(List<String> responseHeaders) {
                this.responseHeaders = responseHeaders;
                return this;
            }

            OperationModel build() {
                return new OperationModel(this);
            }
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
