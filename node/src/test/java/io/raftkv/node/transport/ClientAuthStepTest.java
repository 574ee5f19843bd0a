package io.raftkv.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.raftkv.client.protocol.AuthOutcome;
import io.raftkv.client.protocol.AuthReply;
import io.raftkv.client.protocol.AuthRequest;
import io.raftkv.client.protocol.Frame;
import io.raftkv.client.protocol.FrameHeader;
import io.raftkv.client.protocol.FrameType;
import io.raftkv.client.protocol.Handshake;
import io.raftkv.client.protocol.HandshakeReply;
import io.raftkv.client.protocol.ProtocolException.Reason;
import io.raftkv.client.protocol.Role;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AUTH step on a real socket: the transport hands the AUTH frame to its authenticator, whose
 * verdict comes later on another thread (as PBKDF2 on the node's executor), and decodes no request
 * before an acceptance.
 */
class ClientAuthStepTest {

    private final List<AuthRequest> seen = new CopyOnWriteArrayList<>();
    private TestNode node;
    private LogCapture log;

    /** Decides after 100 ms on another thread: accepts user "ann" with password "pw", refuses the rest. */
    private final ClientAuthenticator slowChecker = (remote, request) -> {
        seen.add(request);
        boolean ok = request.user().equals("ann") && new String(request.password(), StandardCharsets.UTF_8).equals("pw");
        return CompletableFuture.supplyAsync(() -> ok ? new AuthReply(AuthOutcome.ACCEPTED, "")
                : new AuthReply(AuthOutcome.REFUSED_CREDENTIALS, "unknown user or wrong password"),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
    };

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (log != null) {
            log.close();
        }
    }

    private static byte[] pipelined(AuthRequest auth, byte[] request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RawConnection.frameBytes(FrameHeader.CURRENT_VERSION, FrameType.HANDSHAKE.code(),
                Handshake.current("c1", "app", Role.CLIENT).encode()));
        out.writeBytes(RawConnection.frameBytes(FrameHeader.CURRENT_VERSION, FrameType.AUTH.code(), auth.encode()));
        out.writeBytes(RawConnection.frameBytes(FrameHeader.CURRENT_VERSION, FrameType.CLIENT_REQUEST.code(), request));
        return out.toByteArray();
    }

    @Test
    void when_a_client_pipelines_a_request_after_auth_then_it_is_served_once_the_late_acceptance_comes()
            throws Exception {
        node = new TestNode("c1", "n1", c -> c, slowChecker);
        byte[] request = "after auth".getBytes(StandardCharsets.UTF_8);
        try (RawConnection c = new RawConnection(node.address)) {
            c.write(pipelined(new AuthRequest("ann", "pw".getBytes(StandardCharsets.UTF_8)), request));

            assertThat(HandshakeReply.decode(c.read().body()).isAccepted()).isTrue();
            Frame auth = c.read();
            assertThat(auth.type()).isEqualTo(FrameType.AUTH_REPLY);
            assertThat(AuthReply.decode(auth.body()).isAccepted()).isTrue();
            Frame answer = c.read();
            assertThat(answer.type()).isEqualTo(FrameType.CLIENT_RESPONSE);
            assertThat(answer.body()).isEqualTo(request);
        }
    }

    @Test
    void when_auth_is_refused_then_the_pipelined_request_is_never_decoded_and_the_password_never_logged()
            throws Exception {
        log = new LogCapture();
        node = new TestNode("c1", "n1", c -> c, slowChecker);
        try (RawConnection c = new RawConnection(node.address)) {
            c.write(pipelined(new AuthRequest("ann", "hunter2".getBytes(StandardCharsets.UTF_8)), new byte[] {1}));

            assertThat(HandshakeReply.decode(c.read().body()).isAccepted()).isTrue();
            AuthReply refused = AuthReply.decode(c.read().body());
            assertThat(refused.outcome()).isEqualTo(AuthOutcome.REFUSED_CREDENTIALS);
            assertThat(c.closedByServer()).isTrue();
            log.awaitLine("WARN", "REFUSED_CREDENTIALS", "user 'ann'", c.logTag());
        }
        assertThat(seen).hasSize(1);
        assertThat(node.clientRequests).isEmpty();
        assertThat(log.text()).doesNotContain("hunter2");
    }

    @Test
    void when_a_client_sends_a_request_instead_of_auth_then_it_is_closed_before_the_request_is_decoded()
            throws Exception {
        node = new TestNode("c1", "n1", c -> c, slowChecker);
        try (RawConnection c = new RawConnection(node.address)) {
            assertThat(c.handshakeOnly(Handshake.current("c1", "app", Role.CLIENT)).isAccepted()).isTrue();
            c.send(FrameType.CLIENT_REQUEST, new byte[] {1});

            assertThat(c.closedByServer()).isTrue();
        }
        Await.until("UNEXPECTED_FRAME counted", () -> node.metrics().protocolErrors(Reason.UNEXPECTED_FRAME) == 1);
        assertThat(seen).isEmpty();
        assertThat(node.clientRequests).isEmpty();
    }
}
