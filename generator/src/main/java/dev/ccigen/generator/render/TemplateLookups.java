package dev.ccigen.generator.render;

import com.github.mustachejava.reflect.SimpleObjectHandler;
import com.github.mustachejava.util.Wrapper;
import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.PropertyModel;
import java.util.List;

/**
 * How templates find names in their scopes, shared by all templates: Mustache.java's {@link SimpleObjectHandler}
 * (members looked up in a cache by class and name, innermost scope first, maps by key, dotted names step in), plus the
 * names render writes itself: a property's {@link PropertyText}. Mustache.java's default handler builds a chain of
 * guards for every tag on first use and checks it on every call: code a fresh JVM first interprets and then compiles,
 * a tenth of a cold Kubernetes run.
 */
final class TemplateLookups extends SimpleObjectHandler {

    @Override
    public Wrapper find(String name, List<Object> scopes) {
        if (!PropertyText.isName(name)) {
            return super.find(name, scopes);
        }
        return stack -> {
            for (int i = stack.size() - 1; i >= 0; i--) {
                Object scope = stack.get(i);
                if (scope instanceof PropertyModel p) {
                    return PropertyText.of(p, name, runtimePackage(stack));
                }
                Object found = scope == null ? NOT_FOUND : get(name, scope);
                if (found != NOT_FOUND) {
                    return found;
                }
            }
            return null;
        };
    }

    private static String runtimePackage(List<Object> stack) {
        for (Object scope : stack) {
            if (scope instanceof ApiModel model) {
                return model.runtimePackage();
            }
        }
        throw new IllegalStateException("a property rendered without its ApiModel");
    }
}
