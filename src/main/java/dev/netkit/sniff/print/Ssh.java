package dev.netkit.sniff.print;

/** The SSH identification string (RFC 4253 section 4.2) as tcpdump 4.99 prints it for TCP port 22. */
final class Ssh {
    private Ssh() {
    }

    /**
     * The version line without its line end, or {@code null} unless the captured payload starts with "SSH-" and is
     * printable ASCII up to a line end (LF or CR LF) within the captured bytes, which is when tcpdump prints it.
     */
    static String version(byte[] d, int off, int n) {
        if (n < 4 || d[off] != 'S' || d[off + 1] != 'S' || d[off + 2] != 'H' || d[off + 3] != '-') {
            return null;
        }
        int end = off + n;
        for (int i = off + 4; i < end; i++) {
            byte c = d[i];
            if (c == '\n' || (c == '\r' && i + 1 < end && d[i + 1] == '\n')) {
                return new String(d, off, i - off, java.nio.charset.StandardCharsets.US_ASCII);
            }
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
        }
        return null;
    }
}
