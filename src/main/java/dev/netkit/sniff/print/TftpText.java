package dev.netkit.sniff.print;

/**
 * tcpdump's TFTP text (print-tftp.c, RFC 1350 and RFC 2347's options): the length, the opcode, then a request's
 * file name, mode and options, a block number, or an error's code and message. Where the capture or the message
 * ends inside a field the text says {@code [|tftp]}.
 */
final class TftpText {
    static final int PORT = 69;
    private static final String[] OPCODES = {null, "RRQ", "WRQ", "DATA", "ACK", "ERROR", "OACK"};
    private static final String[] ERRORS = {"EUNDEF", "ENOTFOUND", "EACCESS", "ENOSPACE", "EBADOP", "EBADID",
            "EEXISTS", "ENOUSER"};

    private TftpText() {
    }

    /** The message at {@code [off, end)}; {@code length} is the UDP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length) {
        end = Math.min(end, d.length);
        b.append("TFTP, length ").append(length);
        if (length < 2 || off + 2 > end) {
            b.append(" [|tftp]");
            return;
        }
        int opcode = u16(d, off);
        if (opcode >= OPCODES.length || OPCODES[opcode] == null) {
            b.append(", tftp-#").append(opcode);
            return;
        }
        b.append(", ").append(OPCODES[opcode]);
        int at = off + 2;
        int left = length - 2;
        boolean complete = switch (opcode) {
            case 1, 2 -> request(b, d, at, left, end);
            case 6 -> strings(b, d, at, left, end);
            case 3, 4 -> {
                if (left < 2 || at + 2 > end) {
                    yield false;
                }
                b.append(" block ").append(u16(d, at));
                yield true;
            }
            default -> error(b, d, at, left, end);
        };
        if (!complete) {
            b.append(" [|tftp]");
        }
    }

    private static boolean request(StringBuilder b, byte[] d, int at, int left, int end) {
        if (left == 0) {
            return false;
        }
        b.append(" \"");
        int n = string(b, d, at, left, end);
        b.append('"');
        if (n == 0 || left == n) {
            return false; // no mode
        }
        b.append(' ');
        int mode = string(b, d, at + n, left - n, end);
        return mode != 0 && strings(b, d, at + n + mode, left - n - mode, end);
    }

    /** RFC 2347's option names and values, each NUL-terminated, separated by spaces. */
    private static boolean strings(StringBuilder b, byte[] d, int at, int left, int end) {
        while (left != 0) {
            if (at >= end) {
                return false;
            }
            if (d[at] != 0) {
                b.append(' ');
            }
            int n = string(b, d, at, left, end);
            if (n == 0) {
                return false;
            }
            at += n;
            left -= n;
        }
        return true;
    }

    private static boolean error(StringBuilder b, byte[] d, int at, int left, int end) {
        if (left < 2 || at + 2 > end) {
            return false;
        }
        int code = u16(d, at);
        b.append(' ').append(code < ERRORS.length ? ERRORS[code] : "tftp-err-#" + code + " \"");
        if (left == 2) {
            return false;
        }
        b.append(" \"");
        int n = string(b, d, at + 2, left - 2, end);
        b.append('"');
        return n != 0;
    }

    /** tcpdump's nd_printztn: the bytes up to a NUL, printed; their count with the NUL, or 0 where none came. */
    private static int string(StringBuilder b, byte[] d, int at, int n, int end) {
        for (int i = 0; i < n && at + i < end; i++) {
            if (d[at + i] == 0) {
                return i + 1;
            }
            WireString.character(b, d[at + i]);
        }
        return 0;
    }

    private static int u16(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }
}
