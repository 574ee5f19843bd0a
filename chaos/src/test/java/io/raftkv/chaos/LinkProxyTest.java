package io.raftkv.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.chaos.net.LinkFault;
import io.raftkv.chaos.net.LinkProxy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The link proxy over real sockets on 127.0.0.1: forwards, cuts, delays. */
class LinkProxyTest {

    private ServerSocket echo;
    private LinkProxy proxy;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread h = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException e) {
                            // The proxy closed the connection: the echo ends.
                        }
                    });
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = LinkProxy.start("a->b", new InetSocketAddress("127.0.0.1", echo.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", proxy.port());
        s.setSoTimeout(3000);
        return s;
    }

    private static int roundTrip(Socket s, int b) throws IOException {
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
        return s.getInputStream().read();
    }

    @Test
    void when_healthy_then_bytes_pass_both_ways() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, 42)).isEqualTo(42);
            assertThat(roundTrip(s, 7)).isEqualTo(7);
        }
        assertThat(proxy.forwardedBytes()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void when_cut_then_open_connections_close_and_new_ones_hear_nothing_until_healed() throws IOException {
        Socket before = connect();
        assertThat(roundTrip(before, 1)).isEqualTo(1);

        proxy.setFault(LinkFault.CUT);

        InputStream in = before.getInputStream();
        assertThat(readOrEnd(in)).as("a connection open at the cut ends").isEqualTo(-1);
        try (Socket during = connect()) {
            during.setSoTimeout(500);
            during.getOutputStream().write(2);
            assertThat(readOrEnd(during.getInputStream())).as("silence inside the cut").isEqualTo(-2);
        }

        proxy.setFault(LinkFault.NONE);
        try (Socket after = connect()) {
            assertThat(roundTrip(after, 3)).isEqualTo(3);
        }
        before.close();
    }

    @Test
    void when_delayed_then_a_round_trip_takes_at_least_twice_the_delay() throws IOException {
        proxy.setFault(LinkFault.delay(150, 0));
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            assertThat(roundTrip(s, 9)).isEqualTo(9);
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void when_every_chunk_is_dropped_then_the_connection_breaks() throws IOException {
        proxy.setFault(LinkFault.drop(1.0));
        try (Socket s = connect()) {
            s.getOutputStream().write(5);
            assertThat(readOrEnd(s.getInputStream())).isEqualTo(-1);
        }
    }

    /** The byte read, -1 at end of stream or reset, -2 on a read timeout. */
    private static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (IOException e) {
            return -1;
        }
    }
}
