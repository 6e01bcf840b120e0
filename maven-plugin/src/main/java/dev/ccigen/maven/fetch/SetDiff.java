package dev.ccigen.maven.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * What changed between the files on disk and what the service serves, in the terms a client's user cares about:
 * group-versions, resources and verbs added or removed, paths of the document added or removed, and any other listing
 * or the document otherwise changed. Empty when the two sets are equal as JSON (key order and spacing aside).
 */
public final class SetDiff {
    private static final int MAX_NAMED = 20;
    private static final String SERVER_ADDRESSES = "serverAddressByClientCIDRs";
    private final List<String> lines = new ArrayList<>();

    /** @param before what is on disk; {@code after} what was fetched */
    public SetDiff(ListingSet before, ListingSet after) {
        document(before, after);
        SortedMap<String, SortedMap<String, TreeSet<String>>> was = before.resources();
        SortedMap<String, SortedMap<String, TreeSet<String>>> now = after.resources();
        added("group-version", was.keySet(), now.keySet(), "+");
        added("group-version", now.keySet(), was.keySet(), "-");
        for (Map.Entry<String, SortedMap<String, TreeSet<String>>> gv : now.entrySet()) {
            SortedMap<String, TreeSet<String>> old = was.get(gv.getKey());
            if (old == null) {
                continue;
            }
            String prefix = gv.getKey() + " ";
            added("resource " + prefix, old.keySet(), gv.getValue().keySet(), "+");
            added("resource " + prefix, gv.getValue().keySet(), old.keySet(), "-");
            for (Map.Entry<String, TreeSet<String>> r : gv.getValue().entrySet()) {
                TreeSet<String> oldVerbs = old.get(r.getKey());
                if (oldVerbs != null && !oldVerbs.equals(r.getValue())) {
                    lines.add("~ verbs of " + prefix + r.getKey() + ": " + verbChange(oldVerbs, r.getValue()));
                }
            }
        }
        otherListings(before, after, was, now);
    }

    /** True when the service serves exactly what the files hold. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** One line per difference, e.g. {@code + group-version batch/v1}, {@code ~ verbs of v1 pods: +deletecollection}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    private void document(ListingSet before, ListingSet after) {
        if (Objects.equals(before.document(), after.document())) {
            return;
        }
        if (before.document() == null) {
            lines.add("+ document (" + after.documentPaths().size() + " paths)");
            return;
        }
        List<String> was = before.documentPaths();
        List<String> now = after.documentPaths();
        int count = lines.size();
        added("document path", was, now, "+");
        added("document path", now, was, "-");
        JsonNode wasDefs = before.document().path("definitions");
        JsonNode nowDefs = after.document().path("definitions");
        List<String> wasNames = names(wasDefs);
        List<String> nowNames = names(nowDefs);
        added("definition", wasNames, nowNames, "+");
        added("definition", nowNames, wasNames, "-");
        if (lines.size() == count) {
            lines.add("~ document: same paths and definitions, other content changed (operations, schemas or info)");
        }
    }

    /** Listings that differ in what the lines above do not name: group lists, preferred versions, kinds, short names. */
    private void otherListings(ListingSet before, ListingSet after, Map<String, ?> was, Map<String, ?> now) {
        if (before.listings().isEmpty()) {
            return; // a first fetch: the group-versions above say it all
        }
        TreeSet<String> files = new TreeSet<>(before.listings().keySet());
        files.addAll(after.listings().keySet());
        List<String> changed = new ArrayList<>();
        for (String file : files) {
            JsonNode a = withoutServerAddresses(before.listings().get(file));
            JsonNode b = withoutServerAddresses(after.listings().get(file));
            if (Objects.equals(a, b)) {
                continue;
            }
            String gv = (b != null ? b : a).path("groupVersion").asText(null);
            boolean named = gv != null && a != null && b != null
                    ? !Objects.equals(was.get(gv), now.get(gv)) // its resources or verbs are named above
                    : gv != null && (was.containsKey(gv) != now.containsKey(gv)); // the group-version is named above
            if (!named) {
                changed.add(file + (a == null ? " (new)" : b == null ? " (gone)" : ""));
            }
        }
        if (!changed.isEmpty()) {
            lines.add("~ listings otherwise changed: " + String.join(", ", changed));
        }
    }

    /**
     * The listing without {@code serverAddressByClientCIDRs}: the address of the API server instance that answered,
     * which differs from one instance of a highly available cluster to the next. It is written as served, but a
     * difference there alone is no change: neither a reason to write nor drift.
     */
    private static JsonNode withoutServerAddresses(JsonNode listing) {
        if (listing == null || !listing.isObject()) {
            return listing;
        }
        ObjectNode copy = listing.deepCopy();
        copy.remove(SERVER_ADDRESSES);
        for (JsonNode group : copy.path("groups")) {
            if (group instanceof ObjectNode g) {
                g.remove(SERVER_ADDRESSES);
            }
        }
        return copy;
    }

    /** A line per name of {@code now} not in {@code was} (at most {@value #MAX_NAMED}, then a count). */
    private void added(String what, Collection<String> was, Collection<String> now, String sign) {
        TreeSet<String> names = new TreeSet<>(now);
        names.removeAll(was);
        int shown = 0;
        for (String name : names) {
            if (shown++ == MAX_NAMED) {
                lines.add(sign + " " + (names.size() - MAX_NAMED) + " more (" + what.strip() + " …)");
                return;
            }
            lines.add(sign + " " + what + (what.endsWith(" ") ? "" : " ") + name);
        }
    }

    private static String verbChange(TreeSet<String> was, TreeSet<String> now) {
        StringBuilder b = new StringBuilder();
        for (String v : now) {
            if (!was.contains(v)) {
                b.append(b.length() == 0 ? "" : " ").append('+').append(v);
            }
        }
        for (String v : was) {
            if (!now.contains(v)) {
                b.append(b.length() == 0 ? "" : " ").append('-').append(v);
            }
        }
        return b.toString();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
