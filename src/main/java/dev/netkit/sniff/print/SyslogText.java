package dev.netkit.sniff.print;

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
        end = Math.min(end, d.length);
        if (off >= end) {
            b.append(" [|syslog]");
            return;
        }
        if (d[off] != '<') {
            b.append(" (invalid)");
            return;
        }
        int at = 1;
        int priority = 0;
        // at most three digits (RFC 5424 section 6.2.1: PRIVAL is 0 to 191)
        while (at <= 3 && off + at < end && d[off + at] >= '0' && d[off + at] <= '9') {
            priority = priority * 10 + d[off + at] - '0';
            at++;
        }
        if (off + at >= end) {
            b.append(" [|syslog]");
            return;
        }
        if (d[off + at] != '>') {
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
        if (length > at && WireString.append(b, d, off + at, length - at, end)) {
            b.append(" [|syslog]");
            return;
        }
        if (verbose > 1) {
            // -vv: the whole message in hex as well, as much as was captured
            HexDump.hex(b, "\n\t", d, off, Math.min(length, end - off));
        }
    }
}
