package dev.netkit.packet;

import java.util.List;

/**
 * A TCP header (RFC 9293 section 3.1) with all flags (AE from RFC 3168/9768 included) and its options.
 * {@link #emit} pads the options to 32 bits with zeros and computes the checksum over the pseudo-header
 * it is given.
 */
public record TcpHeader(int sourcePort, int destinationPort, long sequence, long acknowledgement, int flags,
                        int window, int checksum, int urgentPointer, List<TcpOption> options) implements Layer {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    public static final int AE = 0x100;

    public TcpHeader {
        options = List.copyOf(options);
        if (optionsLength(options) > 40) {
            throw new IllegalArgumentException("TCP options take at most 40 bytes, not " + optionsLength(options));
        }
    }

    /** A SYN from {@code sourcePort} to {@code destinationPort} with the given options, window 64240. */
    public static TcpHeader syn(int sourcePort, int destinationPort, long sequence, List<TcpOption> options) {
        return new TcpHeader(sourcePort, destinationPort, sequence, 0, SYN, 64240, 0, 0, options);
    }

    public static TcpHeader parse(TcpPacket p) {
        List<TcpOption> options = TcpOption.parseAll(p.buffer(), p.offset() + TcpPacket.OPTIONS,
                p.headerLength() - TcpPacket.MINIMUM_HEADER);
        return new TcpHeader(p.sourcePort(), p.destinationPort(), p.sequence(), p.acknowledgement(), p.flags(),
                p.window(), p.checksum(), p.urgentPointer(), options);
    }

    private static int optionsLength(List<TcpOption> options) {
        int n = 0;
        for (TcpOption o : options) {
            n += o.length();
        }
        return n;
    }

    public int headerLength() {
        return TcpPacket.MINIMUM_HEADER + (optionsLength(options) + 3) / 4 * 4;
    }

    public int bufferLength() {
        return headerLength();
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    /**
     * Writes the header at {@code offset}, where {@code payloadLength} data bytes must already follow, and
     * fills the checksum over {@code pseudoHeader}; returns the header length.
     */
    public int emit(byte[] buffer, int offset, int payloadLength, PseudoHeader pseudoHeader) {
        int hl = headerLength();
        NetworkOrder.put16(buffer, offset + TcpPacket.SOURCE_PORT, sourcePort);
        NetworkOrder.put16(buffer, offset + TcpPacket.DESTINATION_PORT, destinationPort);
        NetworkOrder.put32(buffer, offset + TcpPacket.SEQUENCE, sequence);
        NetworkOrder.put32(buffer, offset + TcpPacket.ACKNOWLEDGEMENT, acknowledgement);
        NetworkOrder.put8(buffer, offset + TcpPacket.DATA_OFFSET, (hl / 4) << 4 | (flags >>> 8) & 1);
        NetworkOrder.put8(buffer, offset + TcpPacket.FLAGS, flags);
        NetworkOrder.put16(buffer, offset + TcpPacket.WINDOW, window);
        NetworkOrder.put16(buffer, offset + TcpPacket.CHECKSUM, 0);
        NetworkOrder.put16(buffer, offset + TcpPacket.URGENT, urgentPointer);
        int at = offset + TcpPacket.OPTIONS;
        for (TcpOption o : options) {
            o.write(buffer, at);
            at += o.length();
        }
        while (at < offset + hl) {
            buffer[at++] = 0;
        }
        int length = hl + payloadLength;
        NetworkOrder.put16(buffer, offset + TcpPacket.CHECKSUM, Checksum.finish(Checksum.sum(buffer, offset, length)
                + pseudoHeader.sum(IpProtocol.TCP.value(), length)));
        return hl;
    }

    /** The flags as tcpdump prints them: {@code S}, {@code S.}, {@code P.}, {@code R.}, {@code none}... */
    public String flagsText() {
        StringBuilder s = new StringBuilder();
        String letters = "FSRP.UEW";
        for (int i = 0; i < 8; i++) {
            if ((flags & 1 << i) != 0) {
                s.append(letters.charAt(i));
            }
        }
        if ((flags & AE) != 0) {
            s.append('e');
        }
        return s.isEmpty() ? "none" : s.toString();
    }

    @Override
    public String toString() {
        return sourcePort + " > " + destinationPort + ": Flags [" + flagsText() + "], seq " + sequence
                + (has(ACK) ? ", ack " + acknowledgement : "") + ", win " + window
                + (options.isEmpty() ? "" : ", options " + options);
    }
}
