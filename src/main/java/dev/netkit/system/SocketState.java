package dev.netkit.system;

/**
 * The state of a socket, with the number the kernel writes in /proc/net/tcp (include/net/tcp_states.h)
 * and the name ss prints. State 7 (CLOSE) is what unconnected UDP and raw sockets are in; ss calls it UNCONN.
 */
public enum SocketState {
    UNKNOWN(0, "UNKNOWN"),
    ESTABLISHED(1, "ESTAB"),
    SYN_SENT(2, "SYN-SENT"),
    SYN_RECV(3, "SYN-RECV"),
    FIN_WAIT1(4, "FIN-WAIT-1"),
    FIN_WAIT2(5, "FIN-WAIT-2"),
    TIME_WAIT(6, "TIME-WAIT"),
    CLOSE(7, "UNCONN"),
    CLOSE_WAIT(8, "CLOSE-WAIT"),
    LAST_ACK(9, "LAST-ACK"),
    LISTEN(10, "LISTEN"),
    CLOSING(11, "CLOSING");

    private final int code;
    private final String ssName;

    SocketState(int code, String ssName) {
        this.code = code;
        this.ssName = ssName;
    }

    public int code() {
        return code;
    }

    /** The name ss prints: ESTAB, LISTEN, UNCONN, TIME-WAIT, ... */
    public String ssName() {
        return ssName;
    }

    /** The state with kernel number {@code code}; UNKNOWN for a number this version does not know. */
    public static SocketState ofCode(int code) {
        for (SocketState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** The state ss's filter words name: established, syn-sent, time-wait, listening, unconnected, close-wait... */
    public static SocketState ofFilterWord(String word) {
        return switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "established", "estab" -> ESTABLISHED;
            case "syn-sent" -> SYN_SENT;
            case "syn-recv" -> SYN_RECV;
            case "fin-wait-1" -> FIN_WAIT1;
            case "fin-wait-2" -> FIN_WAIT2;
            case "time-wait" -> TIME_WAIT;
            case "closed", "close", "unconnected", "unconn" -> CLOSE;
            case "close-wait" -> CLOSE_WAIT;
            case "last-ack" -> LAST_ACK;
            case "listening", "listen" -> LISTEN;
            case "closing" -> CLOSING;
            default -> null;
        };
    }
}
