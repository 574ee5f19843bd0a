package io.raftkv.bench.cluster;

import io.raftkv.bench.load.BenchmarkException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports free at the moment of asking. The servers need their ports on their command
 * lines, so the harness asks the kernel for ephemeral ports, closes them and hands them over;
 * another process could take one in between, in which case the server fails to bind and the
 * harness reports its log.
 */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * {@code count} distinct free ports on 127.0.0.1.
     *
     * @throws BenchmarkException if the kernel gives none
     */
    static List<Integer> pick(int count) {
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
        } catch (IOException e) {
            throw new BenchmarkException("cannot find " + count + " free loopback ports: " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    throw new BenchmarkException("cannot release probe port: " + e.getMessage(), e);
                }
            }
        }
    }
}
