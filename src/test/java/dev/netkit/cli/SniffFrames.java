package dev.netkit.cli;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.PcapFileWriter;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.EtherType;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.NdpOption;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.TcpOption;
import dev.netkit.packet.VlanTag;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Hand-built lab frames for sniff tests; the tcpdump 4.99 line of each is in SniffTest. */
final class SniffFrames {
    static final MacAddress CLIENT = MacAddress.parse("02:00:00:00:01:0a");
    static final MacAddress R1 = MacAddress.parse("02:00:00:00:01:01");

    private SniffFrames() {
    }

    static Inet4Address v4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static Inet6Address v6(String s) {
        try {
            return (Inet6Address) InetAddress.getByName(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    /** ARP request as the sender captures it: 42 bytes, no padding. */
    static byte[] arpRequest() {
        ArpMessage a = ArpMessage.request(CLIENT, v4("198.18.1.10"), v4("198.18.1.1"));
        byte[] f = new byte[14 + 28];
        EthernetHeader.of(MacAddress.BROADCAST, CLIENT, EtherType.ARP).emit(f, 0);
        a.emit(f, 14);
        return f;
    }

    static byte[] arpReply() {
        ArpMessage a = ArpMessage.reply(R1, v4("198.18.1.1"), CLIENT, v4("198.18.1.10"));
        byte[] f = new byte[60];
        EthernetHeader.of(CLIENT, R1, EtherType.ARP).emit(f, 0);
        a.emit(f, 14);
        return f;
    }

    static byte[] tcpSyn() {
        TcpHeader syn = new TcpHeader(39200, 80, 1660379222L, 0, TcpHeader.SYN, 65535, 0, 0,
                List.of(new TcpOption.MaximumSegmentSize(1460), new TcpOption.NoOperation(),
                        new TcpOption.WindowScale(6), new TcpOption.SackPermitted(),
                        new TcpOption.Timestamps(2474478, 0)));
        return PacketBuilder.ethernet(CLIENT, R1).ipv4(v4("198.18.1.10"), v4("198.18.10.10")).identification(4242)
                .dontFragment(true).tcp(syn, new byte[0]).build();
    }

    static byte[] dnsQuery(String name, int id) {
        byte[] q = dnsQuestion(name, id, 12);
        return PacketBuilder.ethernet(CLIENT, R1).ipv4(v4("198.18.1.10"), v4("198.18.10.53")).identification(7)
                .udp(62368, 53, q).build();
    }

    static byte[] dnsQuestion(String name, int id, int qtype) {
        byte[] b = new byte[512];
        b[0] = (byte) (id >> 8);
        b[1] = (byte) id;
        b[2] = 0x01; // RD
        b[5] = 1;
        int p = 12;
        for (String label : name.split("\\.")) {
            if (label.isEmpty()) {
                continue;
            }
            byte[] l = label.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            b[p++] = (byte) l.length;
            System.arraycopy(l, 0, b, p, l.length);
            p += l.length;
        }
        b[p++] = 0;
        b[p++] = (byte) (qtype >> 8);
        b[p++] = (byte) qtype;
        b[p++] = 0;
        b[p++] = 1;
        return Arrays.copyOf(b, p);
    }

    static byte[] neighborSolicitation() {
        Icmpv6Message ns = new Icmpv6Message.NeighborSolicitation(v6("2001:db8:1::1"),
                List.of(NdpOption.LinkLayerAddress.source(CLIENT)));
        return PacketBuilder.ethernet(CLIENT, MacAddress.parse("33:33:ff:00:00:01"))
                .ipv6(v6("2001:db8:1::10"), v6("ff02::1:ff00:1")).hopLimit(255).icmpv6(ns).build();
    }

    static byte[] vlanEcho() {
        return PacketBuilder.ethernet(CLIENT, R1).vlan(VlanTag.dot1q(10)).ipv4(v4("198.18.1.10"), v4("198.18.10.10"))
                .identification(1).icmpEcho(77, 3, new byte[56]).build();
    }

    /** The SYN cut inside its TCP header (as with a small snap length). */
    static byte[] truncatedTcp() {
        return Arrays.copyOf(tcpSyn(), 14 + 20 + 10);
    }

    /** The second fragment of a fragmented echo request (offset 1480). */
    static byte[] secondFragment() {
        byte[] f = PacketBuilder.ethernet(CLIENT, R1).ipv4(v4("198.18.1.10"), v4("198.18.10.10")).identification(99)
                .icmpEcho(5, 1, new byte[100]).build();
        // offset 185 (x8 = 1480), no MF; then fix the header checksum
        f[14 + 6] = 0;
        f[14 + 7] = (byte) 185;
        f[14 + 10] = 0;
        f[14 + 11] = 0;
        int sum = dev.netkit.packet.Checksum.of(f, 14, 20);
        f[14 + 10] = (byte) (sum >> 8);
        f[14 + 11] = (byte) sum;
        return f;
    }

    /** Writes frames (one a second from t0) to a pcap file. */
    static Path pcap(Path dir, String name, byte[]... frames) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p);
             PcapFileWriter w = new PcapFileWriter(out, LinkType.EN10MB, 262144, false)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                w.write(new CapturedFrame(t, LinkType.EN10MB, f.length, f));
                t += 1_000_000_000L;
            }
        }
        return p;
    }

    /** Writes every frame of this class to {@code args[0]} (to produce tcpdump's reference lines). */
    public static void main(String[] args) throws IOException {
        pcap(Path.of(args[0]).getParent(), Path.of(args[0]).getFileName().toString(), arpRequest(), arpReply(),
                tcpSyn(), dnsQuery("10.10.18.198.in-addr.arpa.", 20011), neighborSolicitation(), vlanEcho(),
                truncatedTcp(), secondFragment());
    }
}
