package io.raftkv.node.transport;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Who the other end of a TLS connection is, by its certificate: the subject's CN and the DNS
 * names of its subject alternative names. The TLS handshake has already checked that the
 * certificate chains to the cluster CA; this only reads names from it.
 */
final class CertificateIdentity {

    /** SubjectAltName type of a dNSName (RFC 5280 §4.2.1.6). */
    private static final int SAN_DNS = 2;

    private CertificateIdentity() {
    }

    /**
     * The verified leaf certificate of the other end, if the channel is TLS and it presented one.
     * Call after the TLS handshake (any raftkv frame arrives after it); channel's event loop.
     */
    static Optional<X509Certificate> peerCertificate(Channel ch) {
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty();
        }
    }

    /** True if the channel runs TLS. */
    static boolean isTls(Channel ch) {
        return ch.pipeline().get(SslHandler.class) != null;
    }

    /** The CN values and DNS SANs of {@code cert}, sorted; empty if it names none. */
    static Set<String> names(X509Certificate cert) {
        Set<String> out = new TreeSet<>();
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    out.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // an unparsable subject names nobody; the SANs may still
        }
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && san.get(0) instanceof Integer type && type == SAN_DNS) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // unparsable SANs name nobody
        }
        return out;
    }
}
