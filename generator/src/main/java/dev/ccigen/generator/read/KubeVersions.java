package dev.ccigen.generator.read;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' order of API versions, highest priority first: GA versions by number ({@code v2}, {@code v1}), then
 * beta ({@code v1beta2}, {@code v1beta1}), then alpha, then any other name alphabetically. A group's preferred version
 * is its first.
 */
final class KubeVersions {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    static final Comparator<String> ORDER = KubeVersions::compare;

    private KubeVersions() {}

    private static int compare(String a, String b) {
        Matcher ma = VERSION.matcher(a);
        Matcher mb = VERSION.matcher(b);
        boolean ka = ma.matches();
        boolean kb = mb.matches();
        if (!ka || !kb) {
            return ka == kb ? a.compareTo(b) : ka ? -1 : 1;
        }
        int stage = Integer.compare(stage(ma.group(2)), stage(mb.group(2)));
        if (stage != 0) {
            return stage;
        }
        int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
        if (major != 0 || ma.group(3) == null) {
            return major;
        }
        return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
    }

    /** GA first, then beta, then alpha. */
    private static int stage(String stage) {
        return stage == null ? 0 : stage.equals("beta") ? 1 : 2;
    }
}
