package dev.netkit.packet;

import java.net.Inet4Address;

/** A view of an IPv4 datagram (RFC 791 section 3.1): header with options, then payload. */
public final class Ipv4Packet extends PacketView {
    static final int VERSION_IHL = 0;
    static final int TOS = 1;
    static final int TOTAL_LENGTH = 2;
    static final int IDENTIFICATION = 4;
    static final int FLAGS_FRAGMENT = 6;
    static final int TTL = 8;
    static final int PROTOCOL = 9;
    static final int CHECKSUM = 10;
    static final int SOURCE = 12;
    static final int DESTINATION = 16;
    static final int OPTIONS = 20;
    static final int MINIMUM_HEADER = 20;

    private Ipv4Packet(byte[] buffer, int offset, int length) {
        super(buffer, offset, length);
    }

    /**
     * Checks version, header length and total length (0 is allowed: see {@link #presumedTso()}). A total length beyond the captured bytes is allowed
     * (the capture was cut; see {@link #truncated()}); captured bytes beyond it are link-layer padding.
     */
    public static Ipv4Packet newChecked(byte[] buffer, int offset, int length) {
        require("IPv4", "header length", MINIMUM_HEADER, length);
        int version = NetworkOrder.u8(buffer, offset) >>> 4;
        if (version != 4) {
            throw new MalformedPacketException("IPv4", "version " + version + " is not 4");
        }
        int ihl = NetworkOrder.u8(buffer, offset) & 0xf;
        if (ihl < 5) {
            throw new MalformedPacketException("IPv4", "header length field " + ihl + " (" + ihl * 4
                    + " bytes) is below the minimum 5 (20 bytes)");
        }
        require("IPv4", "header length", ihl * 4, length);
        int total = NetworkOrder.u16(buffer, offset + TOTAL_LENGTH);
        // 0 is what a TSO or BIG TCP send shows before the NIC splits it (tcpdump's "presumed TSO")
        if (total != 0 && total < ihl * 4) {
            throw new MalformedPacketException("IPv4", "total length " + total + " is less than the header length "
                    + ihl * 4);
        }
        return new Ipv4Packet(buffer, offset, length);
    }

    public static Ipv4Packet newChecked(byte[] datagram) {
        return newChecked(datagram, 0, datagram.length);
    }

    public int version() {
        return u8(VERSION_IHL) >>> 4;
    }

    /** Header length in bytes (IHL times 4). */
    public int headerLength() {
        return (u8(VERSION_IHL) & 0xf) * 4;
    }

    public int dscp() {
        return u8(TOS) >>> 2;
    }

    public int ecn() {
        return u8(TOS) & 3;
    }

    /**
     * The total length field; when it is 0 ({@link #presumedTso()}), the bytes captured, at most 65535 (what the
     * field can say: a BIG TCP datagram's bytes beyond it are left undecoded).
     */
    public int totalLength() {
        int total = u16(TOTAL_LENGTH);
        return total == 0 ? Math.min(length, 0xffff) : total;
    }

    /**
     * True when the total length field is 0: a datagram captured on the sending host before TCP segmentation
     * offload (or BIG TCP) split it, whose length only the link layer knows.
     */
    public boolean presumedTso() {
        return u16(TOTAL_LENGTH) == 0;
    }

    public int identification() {
        return u16(IDENTIFICATION);
    }

    /** The three flag bits: reserved, DF, MF. */
    public int flags() {
        return u16(FLAGS_FRAGMENT) >>> 13;
    }

    public boolean dontFragment() {
        return (flags() & 2) != 0;
    }

    public boolean moreFragments() {
        return (flags() & 1) != 0;
    }

    /** Fragment offset in units of 8 bytes. */
    public int fragmentOffset() {
        return u16(FLAGS_FRAGMENT) & 0x1fff;
    }

    public int ttl() {
        return u8(TTL);
    }

    public IpProtocol protocol() {
        return IpProtocol.valueOf(u8(PROTOCOL));
    }

    public int checksum() {
        return u16(CHECKSUM);
    }

    /** True when the header checksum is right (RFC 1071). */
    public boolean checksumValid() {
        return Checksum.verify(buffer, offset, headerLength(), 0);
    }

    public Inet4Address source() {
        return NetworkOrder.ipv4(buffer, offset + SOURCE);
    }

    public Inet4Address destination() {
        return NetworkOrder.ipv4(buffer, offset + DESTINATION);
    }

    public byte[] options() {
        return bytes(OPTIONS, headerLength() - MINIMUM_HEADER);
    }

    /** True when fewer bytes were captured than the total length says. */
    public boolean truncated() {
        return totalLength() > length;
    }

    /** Where the payload starts in {@link #buffer()}. */
    public int payloadOffset() {
        return offset + headerLength();
    }

    /** Captured payload bytes, without link-layer padding. */
    public int payloadLength() {
        return Math.min(totalLength(), length) - headerLength();
    }
}
