package io.raftkv.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports free at the moment of asking. A node needs its port on its command line, so the
 * launcher asks the kernel for ephemeral ports, closes them and hands them over; another process
 * could take one in between, in which case the node fails to bind and says so in its log.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * {@code count} distinct free ports on 127.0.0.1: all are held open until the last is had,
     * so none repeats. Blocking only for the socket calls.
     *
     * @param count 0 or more
     * @throws IOException if the kernel gives no more ports
     */
    public static List<Integer> pick(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket();
                held.add(s);
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports.add(s.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /**
     * One free port on 127.0.0.1.
     *
     * @throws IOException if the kernel gives none
     */
    public static int one() throws IOException {
        return pick(1).get(0);
    }
}
