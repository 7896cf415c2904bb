package dev.netkit.probe;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.TerminalText;
import dev.netkit.capture.HelperCapture;
import dev.netkit.system.IpLiteral;
import dev.netkit.system.Libc;
import dev.netkit.system.RouteLookup;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Raw sockets that netkit-helper opens for a user who is not root but may run it (issue 18, docs/privileges.md):
 * one helper run per socket, started with a Unix socket as its stdin, asked {@code socket IFNAME KIND}; it opens
 * the raw socket bound to that interface with its kind's fixed filter, drops its capabilities and hands the
 * descriptor back (SCM_RIGHTS). {@link KernelSockets} then uses it as it uses a raw socket of its own. Every socket
 * of an address family is bound to the interface its first destination leaves by (or {@code -i}'s).
 */
final class GrantedSockets {
    private static final int REPLY_BYTES = 512;
    private final String iface;
    private String device4;
    private String device6;
    private final java.util.Set<InetAddress> routed = new java.util.HashSet<>();

    /** @param iface the interface asked for (trace --interface), or null for each family's route */
    GrantedSockets(String iface) {
        this.iface = iface;
    }

    /** True when netkit-helper is installed and this user may run it. */
    static boolean available() {
        return HelperCapture.runnable();
    }

    /**
     * Notes the interface {@code destination} leaves by; exit 2 when an earlier destination of its family left by
     * another (the family's sockets are bound to one).
     */
    void route(InetAddress destination) {
        if (!routed.add(destination)) {
            return;
        }
        boolean v6 = destination instanceof Inet6Address;
        String dev = iface != null ? iface : RouteLookup.system(destination).lookup(destination, null).dev();
        if (dev == null) {
            throw new NetkitException(ExitCode.NEGATIVE, "no route to " + IpLiteral.format(destination));
        }
        String known = v6 ? device6 : device4;
        if (known == null) {
            if (v6) {
                device6 = dev;
            } else {
                device4 = dev;
            }
        } else if (!known.equals(dev)) {
            throw NetkitException.usage("through netkit-helper the destinations of one family must leave by one "
                    + "interface (" + known + ", " + dev + "): trace them one at a time, or with -i");
        }
    }

    /** The raw socket of {@code kind} (tcp4, tcp6, icmp4, icmp6, ip4send) for the family {@code v6}. */
    int open(String kind, boolean v6) {
        String device = v6 ? device6 : device4;
        if (device == null) {
            throw new IllegalStateException("route() before open()");
        }
        Libc.ensureLoaded();
        int[] ids = new int[2];
        int r = Libc.spawnWithSocket(HelperCapture.path().toString(), ids);
        if (r < 0) {
            if (-r == Libc.EACCES || -r == Libc.EPERM || -r == 2 /* ENOENT */) {
                throw NetkitException.privilege("a raw " + kind + " socket (" + Libc.error(r) + ")",
                        HelperCapture.howToCapture());
            }
            throw new NetkitException(ExitCode.NEGATIVE, "cannot start netkit-helper: " + Libc.error(r));
        }
        int sock = ids[1];
        int fd = -1;
        StringBuilder reply = new StringBuilder();
        try {
            byte[] timeout = new byte[16]; // struct timeval {5 s, 0}: a helper that hangs cannot hang netkit
            timeout[0] = 5;
            Libc.setsockopt(sock, Libc.SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length);
            byte[] request = ("socket " + device + " " + kind + "\n").getBytes(StandardCharsets.US_ASCII);
            Libc.write(sock, request, request.length);
            byte[] buf = new byte[REPLY_BYTES];
            int[] passed = {-1};
            while (reply.indexOf("\n") < 0 && reply.length() < REPLY_BYTES) {
                int n = Libc.receiveDescriptor(sock, buf, buf.length, passed);
                if (passed[0] >= 0) {
                    if (fd >= 0) {
                        Libc.close(passed[0]);
                    } else {
                        fd = passed[0];
                    }
                }
                if (n <= 0) {
                    break;
                }
                reply.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
        } finally {
            Libc.close(sock);
        }
        int exit = Libc.waitExit(ids[0]);
        String line = reply.indexOf("\n") >= 0 ? reply.substring(0, reply.indexOf("\n")) : reply.toString();
        if (line.equals("ok") && fd >= 0 && exit == 0) {
            return fd;
        }
        if (fd >= 0) {
            Libc.close(fd);
        }
        throw refusal(kind, device, line, exit);
    }

    /** The helper's "error CODE WHY" (or its bare exit status) as netkit's exit code and message. */
    private static NetkitException refusal(String kind, String device, String line, int exit) {
        String[] f = line.split(" ", 3);
        int code = f.length == 3 && f[0].equals("error") && f[1].matches("[0-9]{1,3}") ? Integer.parseInt(f[1]) : exit;
        String why = f.length == 3 && f[0].equals("error") ? TerminalText.escape(f[2])
                : "netkit-helper ended with " + exit;
        return switch (code) {
            case ExitCode.USAGE -> NetkitException.usage("netkit-helper refused a raw " + kind + " socket on " + device
                    + ": " + why);
            case ExitCode.PRIVILEGE -> NetkitException.privilege("a raw " + kind + " socket on " + device + " (" + why
                    + ")", "or reinstall netkit-helper with 'sudo netkit privileges install'");
            default -> new NetkitException(ExitCode.NEGATIVE, "cannot open a raw " + kind + " socket on " + device
                    + ": " + why);
        };
    }

    private static final int SO_RCVTIMEO = 20;
}
