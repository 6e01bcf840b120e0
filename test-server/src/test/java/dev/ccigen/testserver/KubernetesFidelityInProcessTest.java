package dev.ccigen.testserver;

/** KubernetesFidelityTest's tests, the requests sent in process through the server's connector. */
class KubernetesFidelityInProcessTest extends KubernetesFidelityTest {
    @Override
    TestHttp http() {
        return new TestHttp(true);
    }
}
