package dev.netkit.packet;

import java.util.List;

/**
 * One fuzz target for every parser: the first input byte picks the parser, the rest is its input. Only
 * {@link MalformedPacketException} may come out of a parser; anything else is a finding.
 */
public final class PacketFuzzTarget {
    private static final List<LinkType> LINK_TYPES = List.of(LinkType.ETHERNET, LinkType.RAW, LinkType.IPV4,
            LinkType.IPV6, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP);
    static final int TARGETS = 16;

    private PacketFuzzTarget() {
    }

    /** The libFuzzer-style entry point Jazzer calls. */
    public static void fuzzerTestOneInput(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int target = (input[0] & 0xff) % TARGETS;
        byte[] b = java.util.Arrays.copyOfRange(input, 1, input.length);
        try {
            run(target, b);
        } catch (MalformedPacketException expected) {
            // The declared failure: fine.
        }
    }

    static void run(int target, byte[] b) {
        int n = b.length;
        switch (target) {
            case 0 -> {
                // Whole frames: never throws, not even MalformedPacketException.
                if (n == 0) {
                    return;
                }
                Frame f = Frame.decode(LINK_TYPES.get((b[0] & 0xff) % LINK_TYPES.size()), b, 1, n - 1);
                CorpusTest.exercise(f);
                f.quoted().ifPresent(CorpusTest::exercise);
            }
            case 1 -> {
                EthernetFrame f = EthernetFrame.newChecked(b, 0, n);
                EthernetHeader h = EthernetHeader.parse(f);
                byte[] out = new byte[h.bufferLength()];
                h.emit(out, 0);
                check(EthernetHeader.parse(EthernetFrame.newChecked(out)).equals(h), "Ethernet re-parse");
            }
            case 2 -> {
                ArpMessage m = ArpMessage.parse(ArpPacket.newChecked(b, 0, n));
                byte[] out = new byte[28];
                m.emit(out, 0);
                check(ArpMessage.parse(ArpPacket.newChecked(out, 0, 28)).equals(m), "ARP re-parse");
            }
            case 3 -> {
                Ipv4Packet p = Ipv4Packet.newChecked(b, 0, n);
                Ipv4Header h = Ipv4Header.parse(p);
                p.checksumValid();
                check(p.payloadLength() >= 0 && p.payloadOffset() + p.payloadLength() <= n, "IPv4 payload bounds");
                byte[] out = new byte[h.bufferLength()];
                h.emit(out, 0);
                Ipv4Header again = Ipv4Header.parse(Ipv4Packet.newChecked(out));
                check(again.withOptions(h.options()).identification() == h.identification(), "IPv4 re-parse");
                Ipv4Option.parseAll(h.options());
            }
            case 4 -> {
                Ipv6Packet p = Ipv6Packet.newChecked(b, 0, n);
                Ipv6Header.parse(p);
                check(p.payloadLength() >= 0 && p.payloadOffset() + p.payloadLength() <= n, "IPv6 payload bounds");
            }
            case 5 -> {
                if (n == 0) {
                    return;
                }
                IpProtocol type = IpProtocol.valueOf(new int[] {0, 43, 44, 60}[(b[0] & 0xff) % 4]);
                Ipv6ExtensionHeader x = Ipv6ExtensionHeader.parse(type, b, 1, n - 1);
                byte[] out = new byte[x.bufferLength()];
                x.emit(out, 0);
                check(Ipv6ExtensionHeader.parse(type, out, 0, out.length).bufferLength() == x.bufferLength(),
                        "IPv6 extension re-parse");
                if (x instanceof Ipv6ExtensionHeader.HopByHopOptions h) {
                    h.options();
                } else if (x instanceof Ipv6ExtensionHeader.DestinationOptions d) {
                    d.options();
                }
            }
            case 6 -> {
                Icmpv4Message m = Icmpv4Message.parse(b, 0, n);
                byte[] out = m.toBytes();
                check(out.length == n, "ICMP re-emit length");
                switch (m) {
                    case Icmpv4Message.DestinationUnreachable u -> CorpusTest.exercise(u.quotedFrame());
                    case Icmpv4Message.TimeExceeded t -> CorpusTest.exercise(t.quotedFrame());
                    case Icmpv4Message.Redirect r -> CorpusTest.exercise(r.quotedFrame());
                    default -> {
                    }
                }
            }
            case 7 -> {
                Icmpv6Message m = Icmpv6Message.parse(b, 0, n);
                PseudoHeader ph = PseudoHeader.v6(Vectors.v6("2001:db8::1"), Vectors.v6("2001:db8::2"));
                byte[] out = m.toBytes(ph);
                Icmpv6Message again = Icmpv6Message.parse(out, 0, out.length);
                check(again.getClass() == m.getClass(), "ICMPv6 re-parse");
                switch (m) {
                    case Icmpv6Message.DestinationUnreachable u -> CorpusTest.exercise(u.quotedFrame());
                    case Icmpv6Message.PacketTooBig p -> CorpusTest.exercise(p.quotedFrame());
                    case Icmpv6Message.TimeExceeded t -> CorpusTest.exercise(t.quotedFrame());
                    default -> {
                    }
                }
            }
            case 8 -> {
                UdpPacket p = UdpPacket.newChecked(b, 0, n);
                UdpHeader.parse(p);
                p.checksumValid(PseudoHeader.v4(Vectors.v4("198.18.1.10"), Vectors.v4("198.18.10.10")));
                check(p.payloadLength() >= 0, "UDP payload length");
            }
            case 9 -> {
                TcpPacket p = TcpPacket.newChecked(b, 0, n);
                TcpHeader h = TcpHeader.parse(p);
                p.checksumValid(PseudoHeader.v4(Vectors.v4("198.18.1.10"), Vectors.v4("198.18.10.10")));
                byte[] out = new byte[h.headerLength()];
                h.emit(out, 0, 0, PseudoHeader.v4(Vectors.v4("198.18.1.10"), Vectors.v4("198.18.10.10")));
                check(TcpHeader.parse(TcpPacket.newChecked(out)).options().equals(h.options()), "TCP options re-parse");
            }
            case 10 -> {
                if (n > 0 && (b[0] & 1) == 0) {
                    LinuxCookedHeader.parseV1(b, 1, n - 1);
                } else if (n > 0) {
                    LinuxCookedHeader.parseV2(b, 1, n - 1);
                }
                LoopbackHeader.parse(LinkType.NULL, b, 0, n);
            }
            case 11 -> TcpOption.parseAll(b, 0, Math.min(n, 40));
            case 12 -> NdpOption.parseAll(b, 0, n);
            case 13 -> Ipv4Option.parseAll(b);
            case 15 -> {
                IgmpMessage m = IgmpMessage.parse(b, 0, n);
                byte[] out = m.toBytes();
                check(IgmpMessage.parse(out, 0, out.length).getClass() == m.getClass(), "IGMP re-parse");
                check(IgmpPacket.newChecked(out).checksumValid(), "IGMP emitted checksum");
            }
            default -> {
                // A stream of datagrams, each prefixed by its length byte, into one small reassembler.
                Ipv4Reassembler r = new Ipv4Reassembler(java.time.Duration.ofMillis(50), 4);
                int at = 0;
                long now = 0;
                while (at < n) {
                    int len = Math.min(b[at] & 0xff, n - at - 1);
                    byte[] d = java.util.Arrays.copyOfRange(b, at + 1, at + 1 + len);
                    at += 1 + len;
                    now += 10;
                    try {
                        java.util.Optional<byte[]> whole = r.offer(d, now);
                        if (whole.isPresent() && Ipv4Header.parse(Ipv4Packet.newChecked(d)).isFragment()) {
                            check(Ipv4Packet.newChecked(whole.get()).checksumValid(), "reassembled checksum");
                        }
                    } catch (MalformedPacketException expected) {
                        // One bad datagram; go on with the next.
                    }
                }
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("fuzz invariant broken: " + what);
        }
    }
}
