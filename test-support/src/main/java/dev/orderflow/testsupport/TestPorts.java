package dev.orderflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Local ports for servers a test starts itself. */
public final class TestPorts {

    private TestPorts() {}

    /**
     * A loopback port that was free a moment ago. Another process may still take it before the caller binds it; for
     * tests on one machine that race is rare enough, and a fixed port is what fault tests need.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException("No free local port", ex);
        }
    }
}
