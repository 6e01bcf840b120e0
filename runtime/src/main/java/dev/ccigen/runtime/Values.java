package dev.ccigen.runtime;

import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Equality, hash codes and text for values that hold byte arrays (a Secret's {@code data}): Java compares
 * arrays by identity, these compare them by content, also inside lists and maps.
 */
public final class Values {
    private Values() {}

    /** {@link java.util.Objects#equals}, but arrays (byte fields) compare by content. */
    public static boolean deepEquals(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !deepEquals(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            Iterator<?> ia = la.iterator();
            Iterator<?> ib = lb.iterator();
            while (ia.hasNext()) {
                if (!deepEquals(ia.next(), ib.next())) {
                    return false;
                }
            }
            return true;
        }
        return Objects.deepEquals(a, b);
    }

    /** {@link java.util.Objects#hashCode}, but arrays (byte fields) hash by content. */
    public static int deepHashCode(Object o) {
        if (o instanceof Map<?, ?> m) {
            int h = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                h += Objects.hashCode(e.getKey()) ^ deepHashCode(e.getValue());
            }
            return h;
        }
        if (o instanceof List<?> l) {
            int h = 1;
            for (Object e : l) {
                h = 31 * h + deepHashCode(e);
            }
            return h;
        }
        return o instanceof byte[] bytes ? Arrays.hashCode(bytes) : Objects.hashCode(o);
    }

    /** Text for toString: byte arrays as base64. */
    public static String toString(Object o) {
        if (o instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) ->
                    b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(toString(v)));
            return b.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(v -> b.append(b.length() > 1 ? ", " : "").append(toString(v)));
            return b.append(']').toString();
        }
        return String.valueOf(o);
    }
}
