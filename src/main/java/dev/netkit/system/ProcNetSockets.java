package dev.netkit.system;

import dev.netkit.NetkitException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the socket tables of the current network namespace from /proc/net (proc(5): /proc/net/tcp,
 * /proc/net/unix). The parsers take the file's text so tests can feed recorded files.
 */
public final class ProcNetSockets {
    private final Path procRoot;

    /** Reads below {@code procRoot} (normally /proc; tests point it at a recorded tree). */
    public ProcNetSockets(Path procRoot) {
        this.procRoot = procRoot;
    }

    public ProcNetSockets() {
        this(Path.of("/proc"));
    }

    /**
     * The sockets of the given protocols (tcp, udp, raw, unix) and IP families, in the order the kernel
     * lists them; with {@code owners}, each carries the processes that hold it open.
     */
    public List<SocketEntry> read(Set<String> protos, boolean v4, boolean v6, boolean owners) {
        List<SocketEntry> all = new ArrayList<>();
        for (String p : List.of("tcp", "udp", "raw")) {
            if (!protos.contains(p)) {
                continue;
            }
            if (v4) {
                all.addAll(parseInet(readOrEmpty("net/" + p), p, false, "/proc/net/" + p));
            }
            if (v6) {
                all.addAll(parseInet(readOrEmpty("net/" + p + "6"), p, true, "/proc/net/" + p + "6"));
            }
        }
        if (protos.contains("unix")) {
            all.addAll(parseUnix(readOrEmpty("net/unix")));
        }
        if (owners) {
            Map<Long, List<SocketEntry.SocketOwner>> byInode = new SocketOwners(procRoot).scan();
            all.replaceAll(s -> s.withOwners(byInode.getOrDefault(s.inode(), List.of())));
        }
        return all;
    }

    private String readOrEmpty(String rel) {
        try {
            return Files.readString(procRoot.resolve(rel));
        } catch (NoSuchFileException e) {
            return ""; // no IPv6 in this kernel, or no such protocol
        } catch (IOException e) {
            throw new NetkitException(1, "cannot read " + procRoot.resolve(rel) + ": " + e.getMessage());
        }
    }

    /** Parses one of /proc/net/{tcp,udp,raw}{,6}; {@code source} names the file in error messages. */
    public static List<SocketEntry> parseInet(String text, String proto, boolean v6, String source) {
        List<SocketEntry> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int n = 1; n < lines.length; n++) { // line 0 is the header
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 10) {
                throw bad(source, n, "has " + f.length + " fields, expected at least 10");
            }
            try {
                Endpoint local = endpoint(f[1], v6);
                Endpoint peer = endpoint(f[2], v6);
                int st = Integer.parseInt(f[3], 16);
                String[] q = f[4].split(":");
                String[] t = f[5].split(":");
                if (q.length != 2 || t.length != 2) {
                    throw bad(source, n, "queue or timer field is not HEX:HEX");
                }
                SocketState state = SocketState.ofCode(st);
                out.add(new SocketEntry(proto, v6, state, local.address, local.port, peer.address, peer.port,
                        Long.parseLong(q[0], 16), Long.parseLong(q[1], 16),
                        SocketEntry.Timer.ofCode(Integer.parseInt(t[0], 16)), Long.parseLong(t[1], 16),
                        (int) Long.parseLong(f[6], 16), Long.parseLong(f[7]), Long.parseLong(f[9]),
                        null, null, List.of()));
            } catch (NumberFormatException e) {
                throw bad(source, n, "a number is malformed (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private record Endpoint(InetAddress address, int port) {
    }

    /** "0100007F:0016": the address as the kernel's 32-bit words in host byte order, then the port in hex. */
    private static Endpoint endpoint(String field, boolean v6) {
        int colon = field.indexOf(':');
        String hex = colon < 0 ? "" : field.substring(0, colon);
        if (hex.length() != (v6 ? 32 : 8)) {
            throw new NumberFormatException("address '" + field + "' has " + hex.length() + " hex digits");
        }
        byte[] b = new byte[hex.length() / 2];
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int word = 0; word < b.length / 4; word++) {
            long w = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int i = 0; i < 4; i++) {
                int shift = little ? 8 * i : 8 * (3 - i);
                b[word * 4 + i] = (byte) (w >>> shift);
            }
        }
        int port = Integer.parseInt(field.substring(colon + 1), 16);
        return new Endpoint(IpLiteral.byBytes(b), port);
    }

    /** Parses /proc/net/unix: Num RefCount Protocol Flags Type St Inode [Path]. */
    public static List<SocketEntry> parseUnix(String text) {
        List<SocketEntry> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\\s+", 8);
            if (f.length < 7) {
                throw bad("/proc/net/unix", n, "has " + f.length + " fields, expected at least 7");
            }
            try {
                long flags = Long.parseLong(f[3], 16);
                int type = Integer.parseInt(f[4], 16);
                int st = Integer.parseInt(f[5], 16);
                long inode = Long.parseLong(f[6]);
                String path = f.length > 7 ? f[7] : null;
                boolean listening = (flags & 0x10000) != 0; // __SO_ACCEPTCON
                SocketState state = listening ? SocketState.LISTEN : switch (st) {
                    case 1 -> SocketState.CLOSE;        // SS_UNCONNECTED
                    case 2 -> SocketState.SYN_SENT;     // SS_CONNECTING
                    case 3 -> SocketState.ESTABLISHED;  // SS_CONNECTED
                    case 4 -> SocketState.CLOSE_WAIT;   // SS_DISCONNECTING
                    default -> SocketState.UNKNOWN;
                };
                String unixType = switch (type) {
                    case 1 -> "stream";
                    case 2 -> "dgram";
                    case 5 -> "seqpacket";
                    default -> "type" + type;
                };
                out.add(new SocketEntry("unix", false, state, null, -1, null, -1, 0, 0, SocketEntry.Timer.OFF, 0, 0,
                        -1, inode, path, unixType, List.of()));
            } catch (NumberFormatException e) {
                throw bad("/proc/net/unix", n, "a number is malformed (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private static NetkitException bad(String source, int line, String what) {
        return new NetkitException(1, source + " line " + (line + 1) + " " + what);
    }
}
