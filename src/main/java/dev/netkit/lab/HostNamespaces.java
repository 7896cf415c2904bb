package dev.netkit.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a process gets into a lab host: the host's network namespace ({@code ip netns exec}, which also binds
 * {@code /etc/netns/<ns>/*} over {@code /etc}) and its UTS namespace, which holds its host name. The UTS namespace
 * of each host is made by {@code unshare --uts=FILE} as the host is configured and kept by that bind mount, at
 * {@code /run/netkit/labs/nk<LAB>/uts/<host>}; {@code lab down} unmounts it after killing the lab's processes.
 */
public final class HostNamespaces {
    private static final Path ETC_NETNS = Path.of("/etc/netns");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HostNamespaces() {
    }

    /** The file the UTS namespace of {@code host} in lab {@code lab} is bound to. */
    static Path utsFile(String lab, String host) {
        return LabState.dirOf(lab).resolve("uts").resolve(host);
    }

    /**
     * The command that runs what follows it inside the host: {@code nsenter --uts=FILE ip netns exec NS}, without
     * the nsenter part when the host has no UTS namespace (a lab made by an older netkit).
     */
    public static List<String> enter(String lab, String host) {
        List<String> cmd = new ArrayList<>();
        Path uts = utsFile(lab, host);
        if (mounted(uts)) {
            cmd.addAll(List.of(LabPackages.binary("nsenter"), "--uts=" + uts));
        }
        cmd.addAll(List.of(LabPackages.binary("ip"), "netns", "exec", Lab.namespace(lab, host)));
        return cmd;
    }

    /**
     * The command that makes the host's UTS namespace and runs what follows in it ({@code unshare --uts=FILE}):
     * the namespace lives on, bound to FILE, after that command exits.
     */
    static List<String> create(String lab, String host) {
        Path uts = utsFile(lab, host);
        try {
            Files.createDirectories(uts.getParent());
            if (!Files.exists(uts)) {
                Files.createFile(uts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(LabPackages.binary("unshare"), "--uts=" + uts);
    }

    /** The shell line that names the host, run inside its fresh UTS namespace. */
    static String nameCommand(String host) {
        return "echo " + host + " > /proc/sys/kernel/hostname\n";
    }

    /** {@code /etc/netns/<ns>/hostname} and {@code hosts}: the host's name and its addresses, as Debian writes them. */
    static void writeEtc(String ns, String host, List<String> addresses) {
        Path dir = ETC_NETNS.resolve(ns);
        Daemons.write(dir.resolve("hostname"), host + "\n");
        StringBuilder b = new StringBuilder("# written by netkit lab; removed by 'netkit lab down'\n");
        b.append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        for (String a : addresses) {
            b.append(a).append('\t').append(host).append(".netkit.test ").append(host).append('\n');
        }
        Daemons.write(dir.resolve("hosts"), b.toString());
    }

    /** Unmounts everything mounted under {@code dir} (the UTS namespaces of a lab), deepest first. */
    static void unmountAll(Path dir) {
        List<String> mounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                // field 5 is the mount point, with space, tab, newline and backslash written as octal escapes
                if (f.length > 4 && Path.of(unescape(f[4])).startsWith(dir)) {
                    mounts.add(unescape(f[4]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (mounts.isEmpty()) {
            return;
        }
        mounts.sort(Comparator.comparing(String::length).reversed());
        List<String> cmd = new ArrayList<>(List.of(LabPackages.binary("umount"), "--lazy"));
        cmd.addAll(mounts);
        ExternalCommand.check(cmd, null, TIMEOUT, "unmounting the hosts' UTS namespaces");
    }

    static String unescape(String mountPoint) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < mountPoint.length(); i++) {
            char c = mountPoint.charAt(i);
            if (c == '\\' && i + 3 < mountPoint.length()) {
                b.append((char) Integer.parseInt(mountPoint.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** True when something is mounted on {@code file}: it lies on another device than its directory. */
    private static boolean mounted(Path file) {
        try {
            return !Files.getAttribute(file, "unix:dev").equals(Files.getAttribute(file.getParent(), "unix:dev"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
