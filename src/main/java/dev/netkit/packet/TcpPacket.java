package dev.netkit.packet;

import java.util.ArrayList;
import java.util.List;

/** A view of a TCP segment (RFC 9293 section 3.1): header with options, then data. */
public final class TcpPacket extends PacketView {
    static final int SOURCE_PORT = 0;
    static final int DESTINATION_PORT = 2;
    static final int SEQUENCE = 4;
    static final int ACKNOWLEDGEMENT = 8;
    static final int DATA_OFFSET = 12;
    static final int FLAGS = 13;
    static final int WINDOW = 14;
    static final int CHECKSUM = 16;
    static final int URGENT = 18;
    static final int OPTIONS = 20;
    static final int MINIMUM_HEADER = 20;

    private TcpPacket(byte[] buffer, int offset, int length) {
        super(buffer, offset, length);
    }

    /** Checks the data offset and that the whole header, options included, was captured. */
    public static TcpPacket newChecked(byte[] buffer, int offset, int length) {
        require("TCP", "header length", MINIMUM_HEADER, length);
        int dataOffset = NetworkOrder.u8(buffer, offset + DATA_OFFSET) >>> 4;
        if (dataOffset < 5) {
            throw new MalformedPacketException("TCP", "data offset " + dataOffset + " (" + dataOffset * 4
                    + " bytes) is below the minimum 5 (20 bytes)");
        }
        require("TCP", "header length", dataOffset * 4, length);
        return new TcpPacket(buffer, offset, length);
    }

    /**
     * Checks only the fixed 20 bytes and the data offset: a header whose options the capture cut, read as far as
     * it goes (see {@link #capturedOptions}).
     */
    public static TcpPacket newCut(byte[] buffer, int offset, int length) {
        require("TCP", "header length", MINIMUM_HEADER, length);
        int dataOffset = NetworkOrder.u8(buffer, offset + DATA_OFFSET) >>> 4;
        if (dataOffset < 5) {
            throw new MalformedPacketException("TCP", "data offset " + dataOffset + " is below the minimum 5");
        }
        return new TcpPacket(buffer, offset, length);
    }

        public static TcpPacket newChecked(byte[] segment) {
        return newChecked(segment, 0, segment.length);
    }

    public int sourcePort() {
        return u16(SOURCE_PORT);
    }

    public int destinationPort() {
        return u16(DESTINATION_PORT);
    }

    public long sequence() {
        return u32(SEQUENCE);
    }

    public long acknowledgement() {
        return u32(ACKNOWLEDGEMENT);
    }

    /** Data offset in 32-bit words. */
    public int dataOffset() {
        return u8(DATA_OFFSET) >>> 4;
    }

    public int headerLength() {
        return dataOffset() * 4;
    }

    /** The nine flag bits, AE (formerly NS, RFC 3540) as 0x100; see {@link TcpHeader#FIN} and friends. */
    public int flags() {
        return (u8(DATA_OFFSET) & 1) << 8 | u8(FLAGS);
    }

    public int window() {
        return u16(WINDOW);
    }

    public int checksum() {
        return u16(CHECKSUM);
    }

    public int urgentPointer() {
        return u16(URGENT);
    }

    public int payloadOffset() {
        return offset + headerLength();
    }

    /** Captured data bytes after the header (the caller bounds it by the IP payload length). */
    public int payloadLength() {
        return length - headerLength();
    }

    /** True when the checksum over this view's bytes and {@code pseudoHeader} is right. */
    public boolean checksumValid(PseudoHeader pseudoHeader) {
        return Checksum.verify(buffer, offset, length, pseudoHeader.sum(IpProtocol.TCP.value(), length));
    }

    /**
     * The options as far as they were captured, as tcpdump walks a header the snap length cut: those whole before
     * the capture's end or before a malformed option (where tcpdump ends the list too), where the walk stopped,
     * and an option cut inside its data with the bytes of it captured (null when none).
     */
    public CapturedOptions capturedOptions() {
        int hlen = headerLength();
        int stop = Math.min(hlen, length);
        List<TcpOption> options = new ArrayList<>();
        int i = OPTIONS;
        TcpOption.Unknown cut = null;
        while (i < stop) {
            int kind = u8(i);
            int len = kind <= 1 ? 1 : i + 1 < stop ? u8(i + 1) : 0;
            if (len == 0 || i + len > stop || (kind > 1 && len < 2)) {
                if (len >= 2 && i + len <= hlen) {
                    cut = new TcpOption.Unknown(kind, bytes(i + 2, length - i - 2));
                }
                break;
            }
            try {
                options.addAll(TcpOption.parseAll(buffer, offset + i, len));
            } catch (MalformedPacketException e) {
                break; // an option wrong in itself (a SACK of 2 + 7 bytes): the list ends there
            }
            i += len;
        }
        return new CapturedOptions(options, i, cut);
    }

    /** The options captured whole, where the walk stopped (from the header's start), the option cut or null. */
    public record CapturedOptions(List<TcpOption> options, int stop, TcpOption.Unknown cut) {
        public CapturedOptions {
            options = List.copyOf(options);
        }
    }
}
