package dev.netkit.sniff;

import dev.netkit.NetkitException;
import dev.netkit.address.IpAddress;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.LinkType;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets given as bytes instead of captured: a hex dump as text2pcap reads it (od -Ax -tx1's lines, Wireshark's
 * "Copy as Hex Dump": an offset, then bytes of two hex digits; offset 0 starts a packet) or a binary file,
 * decoded from a chosen layer. A bare TCP or UDP segment gets the dummy IPv4 (or IPv6) header text2pcap's
 * {@code -i PROTO -4 SRC,DST} prepends (id 0x1234, TTL 255), so its checksum is checked against those addresses.
 */
public final class RawInput {
    /** The layer the bytes start at. */
    public enum Layer { ETHER, IP, TCP, UDP }

    /** text2pcap's dummy addresses when none are given. */
    static final String DEFAULT_ADDRESSES = "10.1.1.1,10.2.2.2";

    private RawInput() {
    }

    /**
     * The packets of a hex dump. Lines that start (after mail's '>' quoting) with an offset of 3 to 8 hex digits
     * and a ':', space or tab give bytes; the bytes of a line end at
     * the first word that is not two hex digits (the ASCII column). A line whose offset is not where the packet
     * stands drops the packet, as text2pcap does; '#' lines are comments. Text without any offset line is one
     * packet of every hex digit pair in it (a plain hex string).
     */
    public static List<byte[]> hexDump(String text) {
        List<byte[]> packets = new ArrayList<>();
        ByteArrayOutputStream packet = null;
        boolean anyOffset = false;
        for (String line : text.split("\\R")) {
            String s = line.replaceFirst("^[>\\s]+", "").strip(); // mail's quoting, as text2pcap skips it
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] words = s.split("[\\s:]+");
            long offset = offset(words[0]);
            if (offset < 0) {
                continue;
            }
            anyOffset = true;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 1; i < words.length && isByte(words[i]); i++) {
                bytes.write(Integer.parseInt(words[i], 16));
            }
            if (bytes.size() == 0) {
                continue; // od's closing line: the offset after the last byte
            }
            if (offset == 0) {
                if (packet != null && packet.size() > 0) {
                    packets.add(packet.toByteArray());
                }
                packet = new ByteArrayOutputStream();
            } else if (packet == null || offset != packet.size()) {
                packet = null; // an offset out of step: the packet is dropped (text2pcap: "aborted")
                continue;
            }
            packet.writeBytes(bytes.toByteArray());
        }
        if (packet != null && packet.size() > 0) {
            packets.add(packet.toByteArray());
        }
        if (!anyOffset) {
            String hex = text.replaceAll("(?m)^\\s*#.*$", "").replaceAll("0[xX]|[\\s:.-]", "");
            if (!hex.isEmpty() && hex.length() % 2 == 0 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                packets.add(java.util.HexFormat.of().parseHex(hex));
            }
        }
        if (packets.isEmpty()) {
            throw NetkitException.usage("no packet in the hex dump: write lines like '0000  45 00 00 28 ...' (an offset"
                    + " from 0, then bytes), as od -Ax -tx1 or text2pcap read them, or one plain hex string");
        }
        return packets;
    }

    private static long offset(String word) {
        if (word.length() < 3 || word.length() > 8) { // more than two digits: "45 00" is bytes, not an offset
            return -1;
        }
        long v = 0;
        for (int i = 0; i < word.length(); i++) {
            int d = Character.digit(word.charAt(i), 16);
            if (d < 0 || word.charAt(i) > 127) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static boolean isByte(String word) {
        return word.length() == 2 && Character.digit(word.charAt(0), 16) >= 0 && Character.digit(word.charAt(1), 16) >= 0
                && word.charAt(0) < 128 && word.charAt(1) < 128;
    }

    /** The link type the bytes of {@code layer} are read as: Ethernet frames, or raw IP (also a wrapped segment). */
    public static LinkType linkType(Layer layer) {
        return layer == Layer.ETHER ? LinkType.EN10MB : LinkType.RAW;
    }

    /**
     * The bytes as a frame of {@link #linkType}: as they are for ether and ip; a TCP or UDP segment behind the
     * dummy IP header of {@code addresses} ("SRC,DST", both IPv4 or both IPv6).
     */
    public static byte[] frame(byte[] bytes, Layer layer, String addresses) {
        if (layer == Layer.ETHER || layer == Layer.IP) {
            return bytes;
        }
        String[] ends = (addresses == null ? DEFAULT_ADDRESSES : addresses).split(",", -1);
        if (ends.length != 2) {
            throw NetkitException.usage("--addresses takes SRC,DST (as text2pcap's -4 and -6), e.g. 198.51.100.1,198.51.100.2");
        }
        InetAddress src = IpAddress.parse(ends[0]).toInetAddress();
        InetAddress dst = IpAddress.parse(ends[1]).toInetAddress();
        IpProtocol protocol = layer == Layer.TCP ? IpProtocol.TCP : IpProtocol.UDP;
        if (src instanceof Inet4Address s4 && dst instanceof Inet4Address d4) {
            if (bytes.length > 0xffff - 20) {
                throw NetkitException.usage("a segment of " + bytes.length + " bytes does not fit an IPv4 packet");
            }
            Ipv4Header h = new Ipv4Header(0, 0, 20 + bytes.length, 0x1234, 0, 0, 255, protocol, 0, s4, d4, new byte[0]);
            byte[] out = new byte[20 + bytes.length];
            h.emit(out, 0);
            System.arraycopy(bytes, 0, out, 20, bytes.length);
            return out;
        }
        if (src instanceof Inet6Address s6 && dst instanceof Inet6Address d6) {
            if (bytes.length > 0xffff) {
                throw NetkitException.usage("a segment of " + bytes.length + " bytes does not fit an IPv6 packet");
            }
            Ipv6Header h = new Ipv6Header(0, 0, bytes.length, protocol, 255, s6, d6);
            byte[] out = new byte[Ipv6Header.LENGTH + bytes.length];
            h.emit(out, 0);
            System.arraycopy(bytes, 0, out, Ipv6Header.LENGTH, bytes.length);
            return out;
        }
        throw NetkitException.usage("--addresses " + addresses + ": SRC and DST must be of one family");
    }
}
