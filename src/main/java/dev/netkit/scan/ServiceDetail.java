package dev.netkit.scan;

/**
 * What -sV learned about one open TCP port (each field null when it does not apply); every string came from the
 * wire and is raw, to be escaped before it reaches a terminal.
 *
 * @param name        the service that answered (ssh, http, smtp, ftp, pop3, imap), or null to keep the table's name
 * @param product     the software it names (OpenSSH, nginx), or null
 * @param version     its version (9.2p1, 1.22.1), or null
 * @param tls         the TLS handshake, or null when the port was not spoken to over TLS
 * @param greeting    the first line a server-first service sent (SSH, SMTP, FTP, POP3, IMAP)
 * @param httpServer  the Server header of an HTTP answer
 * @param httpTitle   the page's title (its {@code <title>} element, white space collapsed)
 * @param contentType the answer's Content-Type, for nmap's "Site doesn't have a title (text/plain)."
 */
public record ServiceDetail(String name, String product, String version, TlsDetail tls, String greeting,
                            String httpServer, String httpTitle, String contentType) {
    /** Whether an HTTP answer was read (so a missing title is worth saying). */
    public boolean http() {
        return httpServer != null || httpTitle != null || contentType != null;
    }
}
