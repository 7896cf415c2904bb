package dev.netkit.capture;

import dev.netkit.NetkitException;
import dev.netkit.system.NativeLibc;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the system's libpcap for pcap4j. Debian's libpcap0.8 ships only {@code libpcap.so.0.8} (the
 * {@code libpcap.so} symlink comes with -dev), which JNA's default lookup of "pcap" misses, so the file is
 * located here and handed to pcap4j through its {@code org.pcap4j.core.pcapLibName} property.
 */
final class Libpcap {
    static final String PROPERTY = "org.pcap4j.core.pcapLibName";
    private static final String[] DIRS = {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib",
            "/lib", "/usr/local/lib"};
    private static final String[] NAMES = {"libpcap.so.0.8", "libpcap.so.1", "libpcap.so"};
    private static volatile String path;

    private Libpcap() {
    }

    /** The path of libpcap, set for pcap4j; throws the exit-5 error naming libpcap0.8 when it is absent. */
    static synchronized String require() {
        NativeLibc.configure(); // before pcap4j's first JNA load: no ldconfig process
        if (path != null) {
            return path;
        }
        String configured = System.getProperty(PROPERTY);
        if (configured != null && (configured.indexOf('/') < 0 || Files.exists(Path.of(configured)))) {
            path = configured;
            return path;
        }
        for (String dir : DIRS) {
            for (String name : NAMES) {
                Path p = Path.of(dir, name);
                if (Files.exists(p)) {
                    path = p.toString();
                    System.setProperty(PROPERTY, path);
                    return path;
                }
            }
        }
        throw missing();
    }

    static NetkitException missing() {
        return NetkitException.missing("libpcap (packet capture library)", "libpcap0.8");
    }
}
