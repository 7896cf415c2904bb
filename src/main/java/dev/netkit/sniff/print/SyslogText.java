package dev.netkit.sniff.print;

import dev.netkit.packet.MessageBytes;

/**
 * tcpdump's syslog text (print-syslog.c, RFC 3164 and RFC 5424 over UDP port 514): the priority between angle
 * brackets as facility and severity, with -v the message as sent, with -vv also in hex. A message without a
 * priority is {@code (invalid)}; one cut before its priority ends with {@code [|syslog]}.
 */
final class SyslogText {
    static final int PORT = 514;
    private static final String[] SEVERITIES = {"emergency", "alert", "critical", "error", "warning", "notice",
            "info", "debug"};
    private static final String[] FACILITIES = {"kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
            "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "cron", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7"};

    private SyslogText() {
    }

    /** The message at {@code [off, end)} of the frame; {@code length} is the UDP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        MessageBytes m = new MessageBytes("syslog", d, off, end);
        if (!m.has(0, 1)) {
            b.append(" [|syslog]");
            return;
        }
        if (m.byteAt(0) != '<') {
            b.append(" (invalid)");
            return;
        }
        int at = 1;
        int priority = 0;
        // at most three digits (RFC 5424 section 6.2.1: PRIVAL is 0 to 191)
        while (at <= 3 && m.has(at, 1) && m.byteAt(at) >= '0' && m.byteAt(at) <= '9') {
            priority = priority * 10 + m.byteAt(at) - '0';
            at++;
        }
        if (!m.has(at, 1)) {
            b.append(" [|syslog]");
            return;
        }
        if (m.byteAt(at) != '>') {
            b.append(" (invalid)");
            return;
        }
        at++;
        int facility = (priority & 0x03f8) >> 3;
        int severity = priority & 7;
        String facilityName = facility < FACILITIES.length ? FACILITIES[facility] : "unknown (" + facility + ")";
        if (verbose == 0) {
            b.append("SYSLOG ").append(facilityName).append('.').append(SEVERITIES[severity]).append(", length: ")
                    .append(length);
            return;
        }
        b.append("SYSLOG, length: ").append(length).append("\n\tFacility ").append(facilityName).append(" (")
                .append(facility).append("), Severity ").append(SEVERITIES[severity]).append(" (").append(severity)
                .append(")\n\tMsg: ");
        if (length > at && WireString.append(b, d, off + at, length - at, off + m.length())) {
            b.append(" [|syslog]");
            return;
        }
        if (verbose > 1) {
            // -vv: the whole message in hex as well, as much as was captured
            HexDump.hex(b, "\n\t", d, off, Math.min(length, m.length()));
        }
    }
}
