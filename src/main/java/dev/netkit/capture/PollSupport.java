package dev.netkit.capture;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * poll(2) on libpcap's selectable descriptor. pcap_next blocks forever on a quiet interface on this kernel
 * whatever the read timeout, so live captures run in non-blocking mode and wait here, in slices, instead.
 */
final class PollSupport {
    private static final short POLLIN = 0x0001;

    /** libc's poll, direct-mapped. */
    static final class LibC {
        static {
            Native.register(LibC.class, dev.netkit.system.NativeLibc.library());
        }

        static native int poll(Pointer fds, long nfds, int timeoutMillis);

        private LibC() {
        }
    }

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

    private final Memory pollfd = new Memory(8);
    private final int fd;

    PollSupport(int fd) {
        this.fd = fd;
    }

    /** Waits up to {@code timeoutMillis} for the descriptor to become readable; true when it is. */
    boolean awaitReadable(int timeoutMillis) {
        pollfd.setInt(0, fd);
        pollfd.setShort(4, POLLIN);
        pollfd.setShort(6, (short) 0);
        int r = LibC.poll(pollfd, 1, timeoutMillis);
        return r > 0;
    }
}
