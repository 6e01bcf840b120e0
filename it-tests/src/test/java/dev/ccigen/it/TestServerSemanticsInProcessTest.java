package dev.ccigen.it;

import dev.ccigen.it.cci.CciClientTestServer;

/** TestServerSemanticsTest's tests against the server in process: the client reaches it through its connector. */
class TestServerSemanticsInProcessTest extends TestServerSemanticsTest {
    @Override
    CciClientTestServer startServer() {
        return CciClientTestServer.inProcess();
    }
}
