package dev.ccigen.it;

import dev.ccigen.it.cci.CciClientTestServer;
import java.time.Clock;

/** TestServerBehaviourTest's scenarios against the server in process: the client reaches it through its connector. */
class TestServerBehaviourInProcessTest extends TestServerBehaviourTest {
    @Override
    CciClientTestServer startServer(Clock clock) {
        return CciClientTestServer.inProcess(clock);
    }
}
