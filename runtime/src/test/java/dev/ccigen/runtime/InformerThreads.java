package dev.ccigen.runtime;

/** What the test classes that count the JVM's informer threads share: they must not run beside each other. */
final class InformerThreads {
    /** The JUnit resource lock of those classes. */
    static final String LOCK = "the JVM's informer threads";

    private InformerThreads() {}
}
