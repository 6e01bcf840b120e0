package dev.ccigen.generator.link;

import java.util.List;

/**
 * One served group-version of the resource-style API, e.g. {@code apps/v1}.
 *
 * @param group        "" for the core group
 * @param pathPrefix   {@code /api/v1} or {@code /apis/apps/v1}
 * @param packageName  where its classes go, e.g. {@code <basePackage>.api.apps.v1}
 * @param className    e.g. {@code AppsV1}
 * @param accessor     the client's method returning it, e.g. {@code appsV1}
 * @param operations   its operations that no resource method covers (e.g. {@code apiResources}, a proxy), or null
 */
public record GroupVersionModel(
        String group,
        String version,
        String groupVersion,
        String pathPrefix,
        String packageName,
        String className,
        String accessor,
        boolean preferred,
        List<ResourceModel> resources,
        OperationGroupModel operations) {

    GroupVersionModel withOperations(OperationGroupModel operations) {
        return new GroupVersionModel(
                group,
                version,
                groupVersion,
                pathPrefix,
                packageName,
                className,
                accessor,
                preferred,
                resources,
                operations);
    }
}
