package dev.ccigen.generator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The summary's abbreviation test answers as the regular expression it replaced, on any text. */
class AbbreviationTest {
    private static final Pattern REGEX = Pattern.compile("(\\be\\.g|\\bi\\.e|\\betc|\\bvs)$");
    private static final String[] PIECES = {
        "e.g",
        "i.e",
        "etc",
        "vs",
        "e",
        "g",
        "i",
        "t",
        "c",
        "v",
        "s",
        ".",
        " ",
        "x",
        "_",
        "7",
        "é",
        "\u0301",
        "\u0301\u0301",
        "\n",
        "\r",
        "\r\n",
        "\u0085",
        "\u2028",
        "\u2029",
        "\t",
        "(",
        "\ud835\udc1a",
        "\udc1a",
        "日"
    };

    @Test
    void sameAnswerAsTheRegularExpression() {
        Random random = new Random(20261206);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(6); k >= 0; k--) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String t = b.toString();
            for (int end = 0; end <= t.length(); end++) {
                assertEquals(
                        REGEX.matcher(t.substring(0, end)).find(),
                        TypeLinker.endsWithAbbreviation(t, end),
                        () -> "\"" + t + "\" up to " + t.length());
            }
        }
    }
}
