package dev.ccigen.runtime;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * A bounded table of values decoded for an informer's cache, so that equal values met again (a namespace, an image,
 * {@code TCP}, {@code 100m}, a timestamp shared by four conditions) are one object in the heap instead of one per
 * occurrence. Two-way set-associative: a value goes into one of two slots chosen by its hash and pushes out what was
 * there when both are taken, so the table never holds more than {@link #SLOTS} values, whatever it is fed, and a
 * value repeated in every object stays in it. Strings longer than {@link #MAX_LENGTH} are not kept.
 *
 * <p>Not thread-safe: one informer's decoding thread at a time.
 */
final class Interner {

    /** How many values the table holds at most. */
    static final int SLOTS = 4096;
    /** The longest string kept: above this, a value is usually unique (a certificate, a last-applied manifest). */
    static final int MAX_LENGTH = 256;

    private final Object[] slots = new Object[SLOTS];
    private int evictions;

    /** The string of {@code chars[offset, offset + length)}: one met before, or a new one, kept. */
    String intern(char[] chars, int offset, int length) {
        if (length == 0) {
            return "";
        }
        if (length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = slot(hash);
        for (int way = 0; way < 2; way++) {
            if (slots[slot ^ way] instanceof String kept
                    && kept.hashCode() == hash
                    && same(kept, chars, offset, length)) {
                return kept;
            }
        }
        String value = new String(chars, offset, length);
        keep(slot, value);
        return value;
    }

    /** {@code value}, or an equal string met before. */
    String intern(String value) {
        if (value.length() > MAX_LENGTH) {
            return value;
        }
        return internEqual(value);
    }

    /**
     * {@code value}, or an equal one met before: for immutable values ({@link Integer}, {@link Long},
     * {@link Quantity}, {@link IntOrString}, date and time parts).
     */
    <V> V intern(V value) {
        return value == null ? null : internEqual(value);
    }

    /**
     * {@code time}, or an equal one met before; a new one is rebuilt from a date and a time of day met before when
     * there are, so that it costs two small objects instead of four.
     */
    OffsetDateTime intern(OffsetDateTime time) {
        if (time == null) {
            return null;
        }
        int slot = slot(time.hashCode());
        for (int way = 0; way < 2; way++) {
            if (slots[slot ^ way] instanceof OffsetDateTime kept && kept.equals(time)) {
                return kept;
            }
        }
        OffsetDateTime shared = OffsetDateTime.of(
                LocalDateTime.of(internEqual(time.toLocalDate()), internEqual(time.toLocalTime())), time.getOffset());
        keep(slot, shared);
        return shared;
    }

    private <V> V internEqual(V value) {
        int slot = slot(value.hashCode());
        for (int way = 0; way < 2; way++) {
            Object kept = slots[slot ^ way];
            if (kept != null && kept.getClass() == value.getClass() && kept.equals(value)) {
                @SuppressWarnings("unchecked") // the same class
                V same = (V) kept;
                return same;
            }
        }
        keep(slot, value);
        return value;
    }

    /** The first slot of the two a hash may use (the other is this one with its lowest bit flipped). */
    private static int slot(int hash) {
        int h = hash * 0x9E3779B9; // spreads hashes that differ in their last characters only
        return (h ^ (h >>> 16)) & (SLOTS - 2);
    }

    private void keep(int slot, Object value) {
        if (slots[slot] == null) {
            slots[slot] = value;
        } else if (slots[slot + 1] == null) {
            slots[slot + 1] = value;
        } else {
            slots[slot + (evictions++ & 1)] = value; // both taken: push one out, each in turn
        }
    }

    private static boolean same(String kept, char[] chars, int offset, int length) {
        if (kept.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (kept.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
