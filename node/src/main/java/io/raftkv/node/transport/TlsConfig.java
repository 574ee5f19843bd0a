package io.raftkv.node.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * TLS on the node port: the node's certificate chain and PKCS#8 private key and the cluster CA,
 * all PEM files (bin/make-certs writes them). With it, every connection starts with a TLS 1.3
 * handshake (1.2 accepted); peers must present a certificate of the cluster CA whose CN or DNS SAN
 * is the node id they claim in the raftkv handshake (mutual TLS); clients may present none.
 *
 * @param certChain  this node's certificate (chain) PEM; presented as server and, to peers, as client
 * @param privateKey its unencrypted PKCS#8 PEM key ("BEGIN PRIVATE KEY")
 * @param trustedCa  the cluster CA's certificate PEM; the only issuer trusted for peers and servers
 */
public record TlsConfig(Path certChain, Path privateKey, Path trustedCa) {

    /** Protocols offered, newest first; nothing older than TLS 1.2. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** @throws IllegalArgumentException naming the file if one is missing or unreadable */
    public TlsConfig {
        requireReadable("certChain", certChain);
        requireReadable("privateKey", privateKey);
        requireReadable("trustedCa", trustedCa);
    }

    private static void requireReadable(String name, Path p) {
        Objects.requireNonNull(p, name);
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("TLS " + name + " file " + p + " does not exist or is not readable");
        }
    }

    /**
     * The accepting side: presents this node's certificate and asks for the other side's, which
     * the TLS handshake checks against the cluster CA when presented; whether a PEER must present
     * one is decided at the raftkv handshake ({@link ServerHandshakeHandler}), because clients may
     * connect without.
     *
     * @throws TransportException if a file does not parse (the message names the files)
     */
    SslContext serverContext() throws TransportException {
        try {
            return SslContextBuilder.forServer(certChain.toFile(), privateKey.toFile())
                    .sslProvider(SslProvider.JDK).trustManager(trustedCa.toFile()).clientAuth(ClientAuth.OPTIONAL)
                    .protocols(PROTOCOLS).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw unreadable(e);
        }
    }

    /**
     * The connecting side towards peers: presents this node's certificate and trusts only the
     * cluster CA. Host names are not checked (peers are reached by address); the peer's identity
     * is checked against the id it should have in {@link PeerHandshakeHandler} instead.
     *
     * @throws TransportException if a file does not parse (the message names the files)
     */
    SslContext peerClientContext() throws TransportException {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .keyManager(certChain.toFile(), privateKey.toFile()).trustManager(trustedCa.toFile())
                    .endpointIdentificationAlgorithm(null).protocols(PROTOCOLS).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw unreadable(e);
        }
    }

    private TransportException unreadable(Exception e) {
        return new TransportException("cannot load TLS material (cert " + certChain + ", key " + privateKey
                + ", CA " + trustedCa + "): " + e.getMessage() + "; the key must be unencrypted PKCS#8 PEM"
                + " (bin/make-certs writes such files)", e);
    }
}
