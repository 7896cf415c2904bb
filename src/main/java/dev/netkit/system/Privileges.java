package dev.netkit.system;

import dev.netkit.NetkitException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this process may do: root, or the effective capabilities read from /proc/self/status. */
public final class Privileges {
    /** CAP_NET_ADMIN, capability number 12. */
    public static final int CAP_NET_ADMIN = 12;
    /** CAP_NET_RAW, capability number 13. */
    public static final int CAP_NET_RAW = 13;
    /** CAP_SYS_ADMIN, capability number 21 (setns, mount). */
    public static final int CAP_SYS_ADMIN = 21;

    private Privileges() {
    }

    /** The effective capability mask of this process, 0 when it cannot be read. */
    public static long effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** The real group id of this process (the one net.ipv4.ping_group_range is checked against), -1 if unknown. */
    public static long groupId() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Gid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public static boolean has(int capability) {
        return (effectiveCapabilities() & (1L << capability)) != 0;
    }

    /** True for uid 0 with its usual capabilities (what tests that build labs need). */
    public static boolean isRoot() {
        return has(CAP_SYS_ADMIN) && has(CAP_NET_ADMIN);
    }

    /** Throws the exit-4 error unless this process holds {@code capability}. */
    public static void require(int capability, String what) {
        if (!has(capability)) {
            throw NetkitException.privilege(what);
        }
    }
}
