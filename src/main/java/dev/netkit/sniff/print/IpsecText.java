package dev.netkit.sniff.print;

import dev.netkit.packet.AuthenticationHeader;
import dev.netkit.packet.EspHeader;
import dev.netkit.packet.MalformedPacketException;

/**
 * tcpdump's IPsec headers (print-ah.c, RFC 4302; print-esp.c, RFC 4303, without decryption): the authentication
 * header's length (with -v), SPI, sequence number and ICV, after which the demux goes on with the protocol it names;
 * the ESP header's SPI and sequence number, after which nothing can be read.
 */
final class IpsecText {
    static final int ESP = 50;
    static final int AH = 51;

    private IpsecText() {
    }

    /**
     * The authentication header at {@code [off, end)}: its length in bytes, after which its next header (the byte
     * at {@code off}) follows, or -1 when the capture ended inside it ({@code [|ah]} printed).
     */
    static int ah(StringBuilder b, byte[] d, int off, int end, int verbose) {
        AuthenticationHeader h = new AuthenticationHeader(d, off, end);
        if (h.length() < 1) {
            b.append(" [|ah]");
            return -1;
        }
        b.append("AH");
        try {
            int words = h.payloadLength();
            int length = h.headerLength();
            b.append('(');
            if (verbose > 0) {
                b.append("length=").append(words).append('(').append(length).append("-bytes),");
            }
            int reserved = h.reserved();
            if (reserved != 0) {
                b.append("reserved=0x").append(Integer.toHexString(reserved)).append("[MustBeZero],");
            }
            b.append(String.format("spi=0x%08x,", h.spi()));
            b.append("seq=0x").append(Long.toHexString(h.sequence())).append(',');
            b.append("icv=0x");
            for (int i = 0; i < h.icvLength(); i++) {
                AddressText.hex2(b, h.icvByte(i));
            }
            b.append("): ");
            return length;
        } catch (MalformedPacketException e) {
            b.append(" [|ah]");
            return -1;
        }
    }

    /** The ESP header at {@code [off, end)}; {@code length} is the IP payload's length. */
    static void esp(StringBuilder b, byte[] d, int off, int end, int length) {
        EspHeader h = new EspHeader(d, off, end);
        // tcpdump 4.99 wants more than the 8 header bytes captured before it prints any
        if (h.length() <= EspHeader.LENGTH) {
            b.append(" [|esp]");
            return;
        }
        b.append(String.format("ESP(spi=0x%08x", h.spi())).append(",seq=0x").append(Long.toHexString(h.sequence()))
                .append("), length ").append(length);
    }
}
