package dev.ccigen.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an informer decodes the objects it caches: as {@link Json#mapper()} does, except that
 * <ul>
 *   <li>equal strings, numbers, quantities, int-or-strings and timestamps are one object ({@link Interner});</li>
 *   <li>lists and maps are {@link Compact}: immutable, and no larger than their items; so are JSON trees;</li>
 *   <li>{@code metadata.managedFields} is skipped, unread, unless the informer keeps it.</li>
 * </ul>
 * One mapper for every informer, so that Jackson builds its deserializers once; each informer reads with a reader of
 * its own that carries its {@link Interner} and its choice about managedFields. Without them (a reader of this mapper
 * with no attributes) it decodes exactly as {@link Json#mapper()}.
 */
final class CacheDecoding {

    /** The reader attribute holding the informer's {@link Interner}. */
    private static final Object INTERNER = Interner.class;
    /** The reader attribute saying that managedFields are skipped ({@code Boolean.TRUE}). */
    private static final Object SKIP_MANAGED_FIELDS = "ccigen.skipManagedFields";
    /** The empty JSON object of every cached tree: immutable, as the others are. */
    private static final ObjectNode EMPTY_OBJECT = new ObjectNode(JsonNodeFactory.instance, Map.of());

    private CacheDecoding() {}

    /** A reader for one informer's objects. */
    static ObjectReader reader(Interner interner, boolean keepManagedFields) {
        return Holder.MAPPER
                .reader()
                .withAttribute(INTERNER, interner)
                .withAttribute(SKIP_MANAGED_FIELDS, !keepManagedFields);
    }

    /** Created on first use: a client that never informs never builds it. */
    private static final class Holder {
        static final ObjectMapper MAPPER = create();

        private static ObjectMapper create() {
            SimpleModule module = new SimpleModule("ccigen-cache");
            module.addDeserializer(String.class, new InterningStrings());
            addInterning(module, Integer.class, NumberDeserializers.find(Integer.class, Integer.class.getName()));
            addInterning(module, Long.class, NumberDeserializers.find(Long.class, Long.class.getName()));
            addInterning(module, OffsetDateTime.class, new Rfc3339.LenientDeserializer());
            module.setDeserializerModifier(new Modifier());
            ObjectMapper mapper = Json.mapper().copy();
            mapper.registerModule(module);
            return mapper;
        }
    }

    @SuppressWarnings("unchecked") // deserializers of T, made to intern what they read
    private static <T> void addInterning(SimpleModule module, Class<T> type, JsonDeserializer<?> deserializer) {
        module.addDeserializer(type, (JsonDeserializer<T>) new InterningValues(deserializer));
    }

    /** The informer's interner, or null when decoding is not for an informer's cache. */
    static Interner interner(DeserializationContext context) {
        return (Interner) context.getAttribute(INTERNER);
    }

    private static final class Modifier extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        /**
         * Every property declared as a List, a Collection, a Map with String keys or a JsonNode becomes compact; the ObjectMeta of
         * any API (the bean with managedFields beside a resourceVersion) skips managedFields. By property, since by
         * the time Jackson asks for a collection's deserializer it has made a List into the ArrayList it builds.
         */
        @Override
        public BeanDeserializerBuilder updateBuilder(
                DeserializationConfig config, BeanDescription description, BeanDeserializerBuilder builder) {
            boolean objectMeta = builder.findProperty(PropertyName.construct("managedFields")) != null
                    && builder.findProperty(PropertyName.construct("resourceVersion")) != null;
            List<SettableBeanProperty> cached = new ArrayList<>();
            builder.getProperties().forEachRemaining(property -> {
                JavaType type = property.getType();
                Class<?> raw = type.getRawClass();
                boolean managedFields = objectMeta && property.getName().equals("managedFields");
                if (managedFields
                        || raw == List.class
                        || raw == Collection.class
                        || raw == JsonNode.class
                        || (raw == Map.class && type.getKeyType().hasRawClass(String.class))) {
                    cached.add(new CachedProperty(property, managedFields));
                }
            });
            cached.forEach(property -> builder.addOrReplaceProperty(property, true));
            return builder;
        }
    }

    /** Strings through the interner, read from the parser's characters without a String of their own when kept. */
    private static final class InterningStrings extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        InterningStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Interner interner = interner(context);
            if (interner == null || !parser.hasToken(JsonToken.VALUE_STRING)) {
                return StringDeserializer.instance.deserialize(parser, context);
            }
            if (parser.hasTextCharacters()) {
                return interner.intern(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            }
            return interner.intern(parser.getText()); // a tree's parser: the text is a String already
        }
    }

    private static final class InterningValues extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        InterningValues(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new InterningValues(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = _delegatee.deserialize(parser, context);
            Interner interner = interner(context);
            if (interner == null) {
                return value;
            }
            return value instanceof OffsetDateTime time ? interner.intern(time) : interner.intern(value);
        }
    }

    /**
     * A list, map or tree property whose value, read for an informer, is made {@link Compact}; or managedFields,
     * skipped unread unless the informer keeps them.
     */
    private static final class CachedProperty extends SettableBeanProperty.Delegating {
        private static final long serialVersionUID = 1L;
        private final boolean managedFields;

        CachedProperty(SettableBeanProperty delegate, boolean managedFields) {
            super(delegate);
            this.managedFields = managedFields;
        }

        @Override
        protected SettableBeanProperty withDelegate(SettableBeanProperty delegate) {
            return new CachedProperty(delegate, managedFields);
        }

        private boolean skipped(DeserializationContext context) {
            return managedFields && Boolean.TRUE.equals(context.getAttribute(SKIP_MANAGED_FIELDS));
        }

        @Override
        public void deserializeAndSet(JsonParser parser, DeserializationContext context, Object instance)
                throws IOException {
            if (skipped(context)) {
                parser.skipChildren();
            } else {
                delegate.set(instance, compact(delegate.deserialize(parser, context), context));
            }
        }

        @Override
        public Object deserializeSetAndReturn(JsonParser parser, DeserializationContext context, Object instance)
                throws IOException {
            if (skipped(context)) {
                parser.skipChildren();
                return instance;
            }
            return delegate.setAndReturn(instance, compact(delegate.deserialize(parser, context), context));
        }

        @SuppressWarnings("unchecked") // the property is a Map with String keys
        private static Object compact(Object value, DeserializationContext context) {
            Interner interner = interner(context);
            if (interner == null) {
                return value;
            }
            if (value instanceof Collection<?> items) {
                return Compact.list(items);
            }
            if (value instanceof JsonNode tree) {
                return compact(tree, interner);
            }
            return value instanceof Map<?, ?> map ? Compact.map((Map<String, ?>) map) : value;
        }

        /**
         * A JSON tree (a managedFields entry's {@code fieldsV1}, an untyped field) with compact maps and lists, one
         * empty object for all, and equal texts shared.
         */
        private static JsonNode compact(JsonNode tree, Interner interner) {
            if (tree instanceof ObjectNode object) {
                if (object.isEmpty()) {
                    return EMPTY_OBJECT;
                }
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                object.fields()
                        .forEachRemaining(field -> fields.put(field.getKey(), compact(field.getValue(), interner)));
                return new ObjectNode(JsonNodeFactory.instance, Compact.map(fields));
            }
            if (tree instanceof ArrayNode array) {
                List<JsonNode> items = new ArrayList<>(array.size());
                array.forEach(item -> items.add(compact(item, interner)));
                return new ArrayNode(JsonNodeFactory.instance, Compact.list(items));
            }
            return tree.isTextual() ? interner.intern(tree) : tree;
        }
    }
}
