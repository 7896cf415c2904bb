package dev.netkit.packet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an IPv4 datagram into fragments that fit an MTU (RFC 791 section 3.2, "Fragmentation and
 * Reassembly"): payload cut at multiples of 8 bytes, MF on all but the last, every option on the first
 * fragment and only the "copied" ones on the others, each header with its own checksum.
 */
public final class Ipv4Fragmenter {
    /** Every IPv4 module must forward a 68-byte datagram without further fragmentation (RFC 791). */
    public static final int MINIMUM_MTU = 68;

    private Ipv4Fragmenter() {
    }

    /**
     * The fragments of {@code datagram} for {@code mtu}; the datagram itself (a copy) when it already fits.
     * A datagram that is itself a fragment is split further, keeping its offset and MF.
     *
     * @throws MalformedPacketException when the datagram is not a whole, valid IPv4 datagram
     * @throws IllegalArgumentException when the MTU is below 68 or DF is set and the datagram does not fit
     */
    public static List<byte[]> fragment(byte[] datagram, int mtu) {
        if (mtu < MINIMUM_MTU) {
            throw new IllegalArgumentException("MTU " + mtu + " is below the IPv4 minimum 68");
        }
        Ipv4Packet p = Ipv4Packet.newChecked(datagram);
        if (p.truncated()) {
            throw MalformedPacketException.truncated("IPv4", "total length", p.totalLength(), datagram.length);
        }
        Ipv4Header h = Ipv4Header.parse(p);
        if (h.totalLength() <= mtu) {
            return List.of(Arrays.copyOf(datagram, h.totalLength()));
        }
        if (h.dontFragment()) {
            throw new IllegalArgumentException("IPv4 datagram of " + h.totalLength() + " bytes has DF set and does not fit MTU "
                    + mtu);
        }
        byte[] laterOptions = copiedOptions(h.options());
        int payloadOffset = p.payloadOffset();
        int payloadLength = p.payloadLength();
        List<byte[]> out = new ArrayList<>();
        int done = 0;
        while (done < payloadLength) {
            boolean first = done == 0;
            Ipv4Header fh = first ? h : h.withOptions(laterOptions);
            int room = (mtu - fh.headerLength()) / 8 * 8;
            int chunk = Math.min(room, payloadLength - done);
            boolean last = done + chunk == payloadLength;
            int flags = h.flags() & ~Ipv4Header.FLAG_MORE_FRAGMENTS
                    | (last ? h.flags() & Ipv4Header.FLAG_MORE_FRAGMENTS : Ipv4Header.FLAG_MORE_FRAGMENTS);
            fh = fh.withFlags(flags, h.fragmentOffset() + done / 8, fh.headerLength() + chunk);
            byte[] f = new byte[fh.totalLength()];
            int at = fh.emit(f, 0);
            System.arraycopy(datagram, payloadOffset + done, f, at, chunk);
            out.add(f);
            done += chunk;
        }
        return out;
    }

    /** The options with the copied flag set, padded with end-of-list to a multiple of 4 bytes. */
    static byte[] copiedOptions(byte[] options) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Ipv4Option o : Ipv4Option.parseAll(options)) {
            if (o.copied()) {
                byte[] data = o.data();
                b.write(o.type());
                b.write(data.length + 2);
                b.writeBytes(data);
            }
        }
        while (b.size() % 4 != 0) {
            b.write(Ipv4Option.END_OF_LIST);
        }
        return b.toByteArray();
    }
}
