package dev.ccigen.testserver;

/** PodStreamsTest's tests in process: exec, attach and port-forward WebSockets and followed logs without a socket. */
class PodStreamsInProcessTest extends PodStreamsTest {
    @Override
    TestHttp http() {
        return new TestHttp(true);
    }
}
