package dev.ccigen.generator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavaTextTest {

    @Test
    void aLongDescriptionIsWrappedAtSpacesAndLosesNoWord() {
        String text = "word ".repeat(60).strip();
        List<String> lines = JavaText.javadoc(text);
        assertTrue(lines.size() > 1);
        lines.forEach(l -> assertTrue(l.length() <= JavaText.JAVADOC_WIDTH, l));
        assertEquals(text, String.join(" ", lines));
    }

    @Test
    void aWordLongerThanALineStaysWholeAndIndentedListsStayIndented() {
        String url = "https://example.com/" + "x".repeat(150);
        List<String> lines = JavaText.javadoc("See " + url + " for more.\n  - an item " + "long ".repeat(30));
        assertEquals(List.of("See", url, "for more."), lines.subList(0, 3));
        assertTrue(lines.get(3).startsWith("  - an item"));
        lines.subList(4, lines.size()).forEach(l -> assertTrue(l.startsWith("  long"), l));
    }

    @Test
    void tabsBecomeSpaces() {
        assertEquals(List.of("a    b"), JavaText.javadoc("a\tb"));
    }
}
