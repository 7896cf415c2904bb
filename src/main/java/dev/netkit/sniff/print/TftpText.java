package dev.netkit.sniff.print;

import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.TftpMessage;

/**
 * tcpdump's TFTP text (print-tftp.c, RFC 1350 and RFC 2347's options): the length, the opcode, then a request's
 * file name, mode and options, a block number, or an error's code and message, read through {@link TftpMessage}.
 * Where the capture or the message ends inside a field the text says {@code [|tftp]}.
 */
final class TftpText {
    static final int PORT = TftpMessage.PORT;
    private static final String[] OPCODES = {null, "RRQ", "WRQ", "DATA", "ACK", "ERROR", "OACK"};
    private static final String[] ERRORS = {"EUNDEF", "ENOTFOUND", "EACCESS", "ENOSPACE", "EBADOP", "EBADID",
            "EEXISTS", "ENOUSER"};

    private TftpText() {
    }

    /** The message at {@code [off, end)}; {@code length} is the UDP payload's length. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length) {
        TftpMessage m = new TftpMessage(d, off, end);
        b.append("TFTP, length ").append(length);
        if (length < 2) {
            b.append(" [|tftp]");
            return;
        }
        try {
            if (!body(b, m, length)) {
                b.append(" [|tftp]");
            }
        } catch (MalformedPacketException e) {
            b.append(" [|tftp]");
        }
    }

    /** False where the message ends inside a field. */
    private static boolean body(StringBuilder b, TftpMessage m, int length) {
        int opcode = m.opcode();
        if (opcode >= OPCODES.length || OPCODES[opcode] == null) {
            b.append(", tftp-#").append(opcode);
            return true;
        }
        b.append(", ").append(OPCODES[opcode]);
        int at = TftpMessage.BODY;
        int left = length - 2;
        return switch (opcode) {
            case TftpMessage.RRQ, TftpMessage.WRQ -> request(b, m, at, left);
            case TftpMessage.OACK -> strings(b, m, at, left);
            case TftpMessage.DATA, TftpMessage.ACK -> {
                if (left < 2) {
                    yield false;
                }
                b.append(" block ").append(m.block());
                yield true;
            }
            default -> error(b, m, left);
        };
    }

    private static boolean request(StringBuilder b, TftpMessage m, int at, int left) {
        if (left == 0) {
            return false;
        }
        b.append(" \"");
        int n = string(b, m, at, left);
        b.append('"');
        if (n == 0 || left == n) {
            return false; // no mode
        }
        b.append(' ');
        int mode = string(b, m, at + n, left - n);
        return mode != 0 && strings(b, m, at + n + mode, left - n - mode);
    }

    /** RFC 2347's option names and values, each NUL-terminated, separated by spaces. */
    private static boolean strings(StringBuilder b, TftpMessage m, int at, int left) {
        while (left != 0) {
            if (!m.has(at)) {
                return false;
            }
            if (m.charAt(at) != 0) {
                b.append(' ');
            }
            int n = string(b, m, at, left);
            if (n == 0) {
                return false;
            }
            at += n;
            left -= n;
        }
        return true;
    }

    private static boolean error(StringBuilder b, TftpMessage m, int left) {
        if (left < 2) {
            return false;
        }
        int code = m.errorCode();
        b.append(' ').append(code < ERRORS.length ? ERRORS[code] : "tftp-err-#" + code + " \"");
        if (left == 2) {
            return false;
        }
        b.append(" \"");
        int n = string(b, m, TftpMessage.BODY + 2, left - 2);
        b.append('"');
        return n != 0;
    }

    /** tcpdump's nd_printztn: the bytes up to a NUL, printed; their count with the NUL, or 0 where none came. */
    private static int string(StringBuilder b, TftpMessage m, int at, int n) {
        for (int i = 0; i < n && m.has(at + i); i++) {
            int c = m.charAt(at + i);
            if (c == 0) {
                return i + 1;
            }
            WireString.character(b, (byte) c);
        }
        return 0;
    }
}
