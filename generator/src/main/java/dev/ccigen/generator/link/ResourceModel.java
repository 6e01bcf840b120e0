package dev.ccigen.generator.link;

import java.util.List;

/**
 * One resource of a group-version, with exactly the verbs the listings grant and the document serves.
 *
 * @param className     e.g. {@code Pods}
 * @param accessor      e.g. {@code pods} (the group-version's method)
 * @param packageName   the group-version's API package
 * @param imports       the model classes its class imports, sorted
 * @param type          the resource's model class, as its class writes it
 * @param listType      its list class, as its class writes it
 * @param deleteType    what {@code delete} answers, as the document declares (the object, or {@code Status})
 * @param deleteCollectionType what {@code deleteCollection} answers
 * @param exec          whether the pods/exec-style WebSocket subresource is granted: {@code exec}, {@code execSession}
 * @param attach        likewise {@code attach}
 * @param portForward   likewise {@code portforward}: {@code portForward}, {@code portForwardLocally}
 */
public record ResourceModel(
        String plural,
        String singular,
        String kind,
        boolean namespaced,
        List<String> shortNames,
        String packageName,
        String className,
        String accessor,
        List<String> imports,
        String type,
        String listType,
        boolean get,
        boolean list,
        boolean create,
        boolean update,
        boolean patch,
        boolean delete,
        boolean deleteCollection,
        boolean watch,
        String deleteType,
        String deleteCollectionType,
        List<SubresourceModel> subresources,
        boolean exec,
        boolean attach,
        boolean portForward) {

    /**
     * A subresource such as {@code status}, {@code scale} or {@code log}.
     *
     * @param methodSuffix e.g. {@code Status}: the methods are {@code getStatus}, {@code replaceStatus}, ...
     * @param type         its body's model class as the resource's class writes it; null for text ({@code log})
     * @param text         true for a text stream ({@code log})
     */
    public record SubresourceModel(
            String name,
            String methodSuffix,
            String type,
            boolean get,
            boolean update,
            boolean patch,
            boolean create,
            boolean text) {}
}
