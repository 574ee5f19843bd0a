package io.raftkv.client.api;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS towards the nodes: which CA to trust and, optionally, a client certificate for mutual TLS.
 * Immutable; build with {@link #trustingCa(Path)}, {@link #trustStore(Path, String)} or
 * {@link #jvmDefaultTrust()}, then
 * {@link #withClientCertificate(Path, Path)} if the client should present a certificate.
 *
 * <p>What is verified: the node's certificate chain must lead to the trusted CA (TLS 1.3, 1.2 at
 * least). Host names are NOT verified: bin/make-certs names node certificates by node id
 * (CN and {@code DNS:<id>}), while clients dial addresses, so any certificate of the trusted CA is
 * accepted for any address. Trust a CA that issues certificates only to the cluster's nodes.
 *
 * @param trustedCa          the CA certificate PEM to trust, or null; not with {@code trustStore}
 * @param trustStore         a JKS or PKCS12 trust store, or null; when both are null the JVM's default
 *                           trust store is used ({@code javax.net.ssl.trustStore} or the JDK's cacerts)
 * @param trustStorePassword its password, or null for none; never printed
 * @param certChain          the client's certificate (chain) PEM, or null for none
 * @param privateKey         its unencrypted PKCS#8 PEM key; null exactly when {@code certChain} is
 */
public record ClientTls(Path trustedCa, Path trustStore, String trustStorePassword, Path certChain,
                        Path privateKey) {

    /** Protocols offered, newest first; nothing older than TLS 1.2 (as the nodes). */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** @throws IllegalArgumentException naming the field or file if the combination is wrong or a file unreadable */
    public ClientTls {
        if (trustedCa != null && trustStore != null) {
            throw new IllegalArgumentException("TLS takes a trusted CA PEM file or a trust store, not both (" + trustedCa
                    + ", " + trustStore + ")");
        }
        if (trustStore == null && trustStorePassword != null) {
            throw new IllegalArgumentException("a trust store password was given without a trust store");
        }
        if ((certChain == null) != (privateKey == null)) {
            throw new IllegalArgumentException("a TLS client certificate needs both its certificate and its key file,"
                    + " got only " + (certChain == null ? "the key " + privateKey : "the certificate " + certChain));
        }
        requireReadable("trusted CA", trustedCa);
        requireReadable("trust store", trustStore);
        requireReadable("client certificate", certChain);
        requireReadable("client key", privateKey);
    }

    /** Trusts the CA certificate in {@code caPem} (bin/make-certs writes {@code ca.pem}); no client certificate. */
    public static ClientTls trustingCa(Path caPem) {
        return new ClientTls(Objects.requireNonNull(caPem, "caPem"), null, null, null, null);
    }

    /**
     * Trusts the certificates in a JKS or PKCS12 trust store (the type is detected from the file).
     *
     * @param password the store's password, or null if it has none
     */
    public static ClientTls trustStore(Path store, String password) {
        return new ClientTls(null, Objects.requireNonNull(store, "store"), password, null, null);
    }

    /** Trusts what the JVM trusts by default ({@code javax.net.ssl.trustStore}, else the JDK's cacerts). */
    public static ClientTls jvmDefaultTrust() {
        return new ClientTls(null, null, null, null, null);
    }

    /** This setting, presenting {@code cert} (PEM) with its unencrypted PKCS#8 PEM {@code key} to the nodes. */
    public ClientTls withClientCertificate(Path cert, Path key) {
        return new ClientTls(trustedCa, trustStore, trustStorePassword, Objects.requireNonNull(cert, "cert"),
                Objects.requireNonNull(key, "key"));
    }

    /** What is trusted, for messages: the CA file or the trust store. */
    public String trustDescription() {
        if (trustedCa != null) {
            return "CA " + trustedCa;
        }
        return trustStore != null ? "trust store " + trustStore : "the JVM's default trust store";
    }

    private static void requireReadable(String name, Path p) {
        if (p != null && !Files.isReadable(p)) {
            throw new IllegalArgumentException("TLS " + name + " file " + p + " does not exist or is not readable");
        }
    }

    /**
     * Builds the client context: JDK provider, TLS 1.3/1.2, chain checked against the trusted CA,
     * no host name check (see the class comment). Called once per client; blocking (reads files).
     *
     * @throws IllegalArgumentException naming the files if one does not parse or the password is wrong
     */
    SslContext newContext() {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
                    .endpointIdentificationAlgorithm(null);
            if (trustedCa != null) {
                b.trustManager(trustedCa.toFile());
            } else if (trustStore != null) {
                char[] pw = trustStorePassword == null ? null : trustStorePassword.toCharArray();
                KeyStore ks = KeyStore.getInstance(trustStore.toFile(), pw);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                b.trustManager(tmf);
            }
            if (certChain != null) {
                b.keyManager(certChain.toFile(), privateKey.toFile());
            }
            return b.build();
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load TLS material (" + this + "): " + e.getMessage()
                    + "; PEM keys must be unencrypted PKCS#8 (bin/make-certs writes such files), trust stores JKS"
                    + " or PKCS12 with the right password", e);
        }
    }

    @Override
    public String toString() {
        return "ClientTls[" + trustDescription()
                + (trustStorePassword == null ? "" : ", password ***")
                + (certChain == null ? ", no client certificate" : ", client certificate " + certChain
                + ", key " + privateKey) + "]";
    }
}
