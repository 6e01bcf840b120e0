package dev.ccigen.generator.render;

import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.PropertyModel;
import dev.ccigen.generator.link.ResourceModel;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a template sees of one object of the model, name by name, in the order {@code templates/README.md} documents
 * them: the {@code ccigen:context} goal writes it. A record shows its components; a model class its fields, each read
 * through its accessor of the same name; then both show their other public methods that take nothing
 * ({@code hasKindDefaults}, {@code isKubernetesObject}), by name. A field that says what something needs rather than
 * how Java writes it shows, in its place, the names templates see of it (a property's {@code serializer} is its
 * {@code annotations}).
 */
public final class TemplateContext {
    private static final Set<String> OBJECT_METHODS = Set.of("toString", "hashCode", "getClass");
    private static final String MODEL_PACKAGE = ApiModel.class.getPackageName();
    /**
     * The names templates see in place of a field that says what something needs rather than how Java writes it: a
     * property's serializer and byte arrays are the Java text {@link PropertyText} writes; a resource's verbs are one
     * boolean each.
     */
    private static final Map<String, List<String>> IN_PLACE_OF = Map.of(
            "PropertyModel.serializer",
            PropertyText.NAMES.subList(0, 1),
            "PropertyModel.byteArrays",
            PropertyText.NAMES.subList(1, 4),
            "ResourceModel.verbs",
            Arrays.stream(ResourceModel.Verb.values())
                    .map(ResourceModel.Verb::templateName)
                    .toList());

    private TemplateContext() {}

    /** Whether {@code value} is an object of the model whose names a template sees, rather than a plain value. */
    public static boolean isModel(Object value) {
        Class<?> c = value.getClass();
        return c.isRecord() || c.getPackageName().equals(MODEL_PACKAGE) && !c.isEnum();
    }

    /**
     * The names a template can use on {@code item} (an object of {@code model}, or the model itself) and their values,
     * in order.
     */
    public static Map<String, Object> names(Object item, ApiModel model) {
        Map<String, Object> names = new LinkedHashMap<>();
        Set<String> fields = new HashSet<>(); // shown, by themselves or by what is shown in their place
        Class<?> c = item.getClass();
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                names.put(component.getName(), invoke(component.getAccessor(), item));
            }
        } else {
            for (Field field : c.getDeclaredFields()) { // in declaration order, as javac writes them
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                fields.add(field.getName());
                List<String> shown = IN_PLACE_OF.get(c.getSimpleName() + "." + field.getName());
                if (shown == null) {
                    names.put(field.getName(), invoke(method(c, field.getName()), item));
                }
                for (String name : shown == null ? List.<String>of() : shown) {
                    names.put(
                            name,
                            item instanceof PropertyModel p
                                    ? PropertyText.of(p, name, model.runtimePackage())
                                    : invoke(method(c, name), item));
                }
            }
        }
        fields.addAll(names.keySet());
        for (Method m : otherMethods(c, fields)) {
            names.put(m.getName(), invoke(m, item));
        }
        return names;
    }

    /** The public methods of {@code c} that take nothing and answer something, but for {@code shown}, by name. */
    private static List<Method> otherMethods(Class<?> c, Set<String> shown) {
        List<Method> methods = new ArrayList<>();
        for (Method m : c.getMethods()) {
            if (m.getDeclaringClass() == c
                    && m.getParameterCount() == 0
                    && !Modifier.isStatic(m.getModifiers())
                    && m.getReturnType() != void.class
                    && !shown.contains(m.getName())
                    && !OBJECT_METHODS.contains(m.getName())) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        return methods;
    }

    private static Method method(Class<?> c, String name) {
        try {
            return c.getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(c.getName() + " has no method " + name, e);
        }
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return "<" + m.getName() + " failed: " + e.getCause() + ">";
        }
    }
}
