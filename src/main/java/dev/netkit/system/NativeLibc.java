package dev.netkit.system;

import com.sun.jna.NativeLibrary;

/**
 * The one place that tells JNA where system libraries are, for the only JNA bindings left: pcap4j's and the
 * capture layer's direct-mapped libpcap calls (libc's calls all go through the JNI {@link Libc}). JNA reads
 * {@code jna.platform.library.path} once, in {@link NativeLibrary}'s static initializer, and without it runs
 * {@code /sbin/ldconfig -p} (a process, ~30 ms per run): so {@link #configure()} comes before anything that touches NativeLibrary, pcap4j included.
 */
public final class NativeLibc {
    private static final String PATH_PROPERTY = "jna.platform.library.path";
    private static final String PATH = "/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:/lib/aarch64-linux-gnu"
            + ":/usr/lib/aarch64-linux-gnu:/lib64:/usr/lib64:/lib:/usr/lib";

    static {
        System.getProperties().putIfAbsent(PATH_PROPERTY, PATH);
    }

    private NativeLibc() {
    }

    /** Sets JNA's library path (once, unless set on the command line); call before the first JNA library load. */
    public static void configure() {
        // the static initializer did it
    }
}
