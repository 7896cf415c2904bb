package dev.netkit.capture;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * libpcap's pcap_next_ex, direct-mapped with JNA, on pcap4j's pcap_t. pcap4j's own call allocates two native
 * pointer holders, a Timestamp, and an exception per empty read; at a flood's rate that cost made the kernel
 * drop packets tcpdump keeps. Here the two out-pointers are allocated once, and one call reads the header
 * (LP64 struct pcap_pkthdr: 16-byte timeval, caplen, len) and copies the bytes once.
 */
final class NextPacket {
    /** pcap_next_ex's results. */
    static final int PACKET = 1;
    static final int NONE = 0;
    static final int ERROR = -1;
    static final int BREAK = -2;

    static final class Pcap {
        static {
            Native.register(Pcap.class, NativeLibrary.getInstance(Libpcap.require()));
        }

        static native int pcap_next_ex(Pointer pcap, Pointer header, Pointer data);

        static native String pcap_geterr(Pointer pcap);

        private Pcap() {
        }
    }

    private final Pointer pcap;
    private final Memory header = new Memory(Native.POINTER_SIZE);
    private final Memory data = new Memory(Native.POINTER_SIZE);
    /** The last packet read: timestamp (seconds and fraction in the handle's precision), lengths, bytes. */
    long seconds;
    long fraction;
    int originalLength;
    byte[] bytes;

    NextPacket(Pointer pcap) {
        this.pcap = pcap;
    }

    /** One pcap_next_ex: {@link #PACKET} (fields set), {@link #NONE}, {@link #ERROR} or {@link #BREAK}. */
    int next() {
        int rc = Pcap.pcap_next_ex(pcap, header, data);
        if (rc != PACKET) {
            return rc;
        }
        Pointer h = header.getPointer(0);
        seconds = h.getLong(0);
        fraction = h.getLong(8);
        int caplen = h.getInt(16);
        originalLength = h.getInt(20);
        if (caplen < 0 || caplen > PcapFileReader.MAX_CAPTURE) {
            caplen = 0;
        }
        bytes = data.getPointer(0).getByteArray(0, caplen);
        return PACKET;
    }

    /** libpcap's last error text for this handle. */
    String error() {
        String e = Pcap.pcap_geterr(pcap);
        return e == null ? "unknown error" : e;
    }
}
