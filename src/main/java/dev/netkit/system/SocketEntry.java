package dev.netkit.system;

import java.net.InetAddress;
import java.util.List;

/**
 * One socket as the kernel lists it in /proc/net/{tcp,tcp6,udp,udp6,raw,raw6,unix}.
 *
 * @param proto      tcp, udp, raw or unix
 * @param v6         true for the *6 tables
 * @param local      local address (null for unix)
 * @param localPort  local port (for raw: the IP protocol number; for unix: -1)
 * @param peer       peer address (null for unix)
 * @param peerPort   peer port
 * @param sendQ      bytes not yet acknowledged (tcp) or queued to send (tx_queue)
 * @param recvQ      bytes not yet read (rx_queue); for a listening tcp socket, the accept queue
 * @param timer      the active timer (tr column)
 * @param timerTicks time until the timer fires, in USER_HZ ticks (1/100 s)
 * @param retransmits unanswered retransmissions or probes
 * @param uid        owner's user id
 * @param inode      the socket's inode, the key to the owning processes in /proc/PID/fd
 * @param path       unix: the bound path ("@name" for abstract), or null
 * @param unixType   unix: stream, dgram or seqpacket
 * @param owners     processes holding the socket open (filled only when asked for)
 */
public record SocketEntry(String proto, boolean v6, SocketState state, InetAddress local, int localPort,
                          InetAddress peer, int peerPort, long sendQ, long recvQ, Timer timer, long timerTicks,
                          int retransmits, long uid, long inode, String path, String unixType,
                          List<SocketOwner> owners) {

    /** The tr column of /proc/net/tcp: which timer is pending. Names are those ss -o prints. */
    public enum Timer {
        OFF("off"), ON("on"), KEEPALIVE("keepalive"), TIMEWAIT("timewait"), PERSIST("persist"), UNKNOWN("unknown");

        private final String ssName;

        Timer(String ssName) {
            this.ssName = ssName;
        }

        public String ssName() {
            return ssName;
        }

        public static Timer ofCode(int tr) {
            return switch (tr) {
                case 0 -> OFF;
                case 1 -> ON;
                case 2 -> KEEPALIVE;
                case 3 -> TIMEWAIT;
                case 4 -> PERSIST;
                default -> UNKNOWN;
            };
        }
    }

    /** A process holding a socket: pid, command name (from /proc/PID/comm) and file descriptor. */
    public record SocketOwner(int pid, String name, int fd) {
    }

    /** The netid column of ss: tcp, udp, raw, u_str, u_dgr, u_seq. */
    public String netid() {
        if (!proto.equals("unix")) {
            return proto;
        }
        return switch (unixType) {
            case "stream" -> "u_str";
            case "dgram" -> "u_dgr";
            case "seqpacket" -> "u_seq";
            default -> "u_" + unixType;
        };
    }

    /** The timer's milliseconds until it fires. */
    public long timerMillis() {
        return timerTicks * 10;
    }

    public SocketEntry withOwners(List<SocketOwner> o) {
        return new SocketEntry(proto, v6, state, local, localPort, peer, peerPort, sendQ, recvQ, timer, timerTicks,
                retransmits, uid, inode, path, unixType, o);
    }
}
