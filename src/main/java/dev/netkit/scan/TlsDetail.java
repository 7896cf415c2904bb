package dev.netkit.scan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one TLS handshake showed (-sV on a TLS port): the session's protocol and cipher suite, the protocol chosen
 * by ALPN, and the server's certificate, read but never trusted.
 *
 * @param protocol  TLSv1.3, TLSv1.2, ...
 * @param cipher    the IANA name of the cipher suite (TLS_AES_256_GCM_SHA384)
 * @param alpn      the protocol the server chose by ALPN (RFC 7301), or null when it chose none
 * @param subject   the certificate's subject as RFC 2253 text (CN=server.netkit.test,O=...)
 * @param issuer    its issuer, the same way
 * @param san       the subject alternative names as OpenSSL prints them: DNS:x, IP Address:y, email:z, URI:u
 * @param notBefore the start of its validity
 * @param notAfter  the end of its validity
 */
public record TlsDetail(String protocol, String cipher, String alpn, String subject, String issuer, List<String> san,
                        Instant notBefore, Instant notAfter) {
    /** RFC 2253's attribute keywords (and the e-mail OID) in the long names nmap's ssl-cert prints. */
    public static final Map<String, String> NMAP_NAMES = Map.of("CN", "commonName", "O", "organizationName",
            "OU", "organizationalUnitName", "C", "countryName", "ST", "stateOrProvinceName", "L", "localityName",
            "EMAILADDRESS", "emailAddress", "DC", "domainComponent", "1.2.840.113549.1.9.1", "emailAddress");

    public TlsDetail {
        san = List.copyOf(san);
    }
}
