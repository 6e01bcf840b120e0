package dev.ccigen.generator.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of ccigen this engine is: generated clients name it, and check the runtime library against it. */
final class GeneratorVersion {
    static final String VERSION = read();

    private GeneratorVersion() {}

    private static String read() {
        try (InputStream in = GeneratorVersion.class.getResourceAsStream("/dev/ccigen/generator/ccigen.properties")) {
            if (in == null) {
                throw new IllegalStateException("ccigen-generator's dev/ccigen/generator/ccigen.properties is missing");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
