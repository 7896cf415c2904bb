package dev.netkit.capture;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.netkit.system.Libc;

/**
 * poll(2) on libpcap's selectable descriptor. pcap_next blocks forever on a quiet interface on this kernel
 * whatever the read timeout, so live captures run in non-blocking mode and wait here, in slices, instead.
 */
final class PollSupport {
    private static final int POLLIN = 0x0001;

    /** libpcap's pcap_get_selectable_fd, which pcap4j does not expose. */
    static final class Pcap {
        static {
            Native.register(Pcap.class, NativeLibrary.getInstance(Libpcap.require()));
        }

        static native int pcap_get_selectable_fd(Pointer pcap);

        /** Direct-mapped: pcap4j's proxy-based binding costs more than the send itself at flood rates. */
        static native int pcap_sendpacket(Pointer pcap, byte[] frame, int size);

        /** Direct-mapped; {@code header} and {@code data} are pointer-sized slots libpcap fills. */
        static native int pcap_next_ex(Pointer pcap, Pointer header, Pointer data);

        /** 1 (PCAP_TSTAMP_PRECISION_NANO) when the timestamps' fraction is nanoseconds, 0 for microseconds. */
        static native int pcap_get_tstamp_precision(Pointer pcap);

        private Pcap() {
        }
    }

    /** One struct pollfd as Libc.poll takes it: the descriptor, then the events (revents come back on top). */
    private final int[] pollfd = new int[2];
    private final int fd;

    PollSupport(int fd) {
        Libc.ensureLoaded();
        this.fd = fd;
    }

    /** Waits up to {@code timeoutMillis} for the descriptor to become readable; true when it is. */
    boolean awaitReadable(int timeoutMillis) {
        pollfd[0] = fd;
        pollfd[1] = POLLIN;
        return Libc.poll(pollfd, 1, timeoutMillis) > 0;
    }
}
