package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormaliseTest {
    @Test
    void oneBlankLineAtMostNoTrailingBlanksLfEndings() {
        assertEquals("a\n\nb\n", Renderer.normalise("\n\n  \na  \r\n\n\n\t\nb"));
        assertEquals("a {\n    b;\n}\n", Renderer.normalise("a {\r\n    b;   \r\n}\r\n\r\n"));
        assertEquals("", Renderer.normalise("\n \n"));
    }
}
