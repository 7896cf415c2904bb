package dev.netkit.arp;

import dev.netkit.NetkitException;
import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.ScriptedChannel;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.NdpOption;
import dev.netkit.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** arp scan --ndp against a scripted link: solicitations, advertisements, and the all-nodes sweep. */
class NdpScannerTest {
    static final MacAddress SELF = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress PC2 = MacAddress.parse("02:00:00:00:00:0b");
    static final MacAddress PC3 = MacAddress.parse("02:00:00:00:00:0c");
    static final Inet6Address ME = v6("2001:db8:1::10");
    static final NdpEndpoint FROM = new NdpEndpoint("eth0", SELF, ME, 64, v6("fe80::a"));

    static Inet6Address v6(String s) {
        try {
            return (Inet6Address) InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Frame decode(byte[] f) {
        return Frame.decode(dev.netkit.packet.LinkType.valueOf(1), f);
    }

    static CapturedFrame advertisement(MacAddress mac, Inet6Address target) {
        return CapturedFrame.of(0, LinkType.EN10MB, PacketBuilder.ethernet(mac, SELF).ipv6(target, ME).ttl(255)
                .icmpv6(new Icmpv6Message.NeighborAdvertisement(false, true, true, target,
                        List.of(NdpOption.LinkLayerAddress.target(mac)))).build());
    }

    @Test
    void solicitationGoesToTheSolicitedNodeGroupWithOurMac() {
        byte[] f = new NdpScanner(new ScriptedChannel(LinkType.EN10MB), FROM, 0, 0, 1)
                .solicitation(v6("2001:db8:1::abcd:11"));
        Frame frame = decode(f);
        assertEquals(MacAddress.parse("33:33:ff:cd:00:11"), frame.ethernet().orElseThrow().destination());
        Ipv6Header ip = frame.ipv6().orElseThrow();
        assertEquals(v6("ff02::1:ffcd:11"), ip.destination());
        assertEquals(ME, ip.source());
        assertEquals(255, ip.hopLimit());
        var ns = (Icmpv6Message.NeighborSolicitation) frame.icmpv6().orElseThrow();
        assertEquals(v6("2001:db8:1::abcd:11"), ns.target());
        assertEquals(SELF, ((NdpOption.LinkLayerAddress) ns.options().get(0)).mac());
        assertEquals(Boolean.TRUE, frame.checksumValid().orElseThrow());
        // a link-local target is asked from our link-local address
        assertEquals(v6("fe80::a"), decode(new NdpScanner(new ScriptedChannel(LinkType.EN10MB), FROM, 0, 0, 1)
                .solicitation(v6("fe80::b"))).ipv6().orElseThrow().source());
    }

    @Test
    void scanListsTheAdvertisementsOfItsTargetsOnly() {
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(frame -> {
            var ns = (Icmpv6Message.NeighborSolicitation) decode(frame).icmpv6().orElseThrow();
            List<CapturedFrame> out = new ArrayList<>();
            out.add(CapturedFrame.of(0, LinkType.EN10MB, frame)); // our own solicitation, seen on the wire
            out.add(advertisement(PC3, v6("2001:db8:1::99"))); // someone else's, not asked for
            if (ns.target().equals(v6("2001:db8:1::11"))) {
                out.add(advertisement(PC2, ns.target()));
            }
            return out;
        });
        List<ArpAnswer> found = new NdpScanner(ch, FROM, 0, 0, 2)
                .scan(List.of(v6("2001:db8:1::11"), v6("2001:db8:1::12")), a -> { });
        assertEquals(1, found.size());
        assertEquals(v6("2001:db8:1::11"), found.get(0).ip());
        assertEquals(PC2, found.get(0).mac());
        assertTrue(found.get(0).unicast());
        assertEquals(3, ch.sent().size(), "::12 asked again in round 2, ::11 not");
    }

    @Test
    void discoveryStopsWaitingOnceEveryTargetAdvertised() {
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB).onSend(frame -> List.of(advertisement(PC2,
                ((Icmpv6Message.NeighborSolicitation) decode(frame).icmpv6().orElseThrow()).target())));
        List<ArpAnswer> found = new NdpScanner(ch, FROM, 0, 1_000_000_000L, 2).stoppingWhenAllAnswered()
                .scan(List.of(v6("2001:db8:1::11")), a -> { });
        assertEquals(1, found.size());
        assertEquals(0, ch.timeouts(), "no wait once the only target answered");
        ScriptedChannel waits = new ScriptedChannel(LinkType.EN10MB).onSend(frame -> List.of(advertisement(PC2,
                ((Icmpv6Message.NeighborSolicitation) decode(frame).icmpv6().orElseThrow()).target())));
        new NdpScanner(waits, FROM, 0, 1_000_000_000L, 2).scan(List.of(v6("2001:db8:1::11")), a -> { });
        assertEquals(1, waits.timeouts(), "arp scan --ndp waits for duplicates");
    }

    @Test
    void sweepFindsEchoRepliersAndNodesThatOnlyReportTheUnknownOption() {
        ScriptedChannel ch = new ScriptedChannel(LinkType.EN10MB);
        NdpScanner scanner = new NdpScanner(ch, FROM, 0, 0, 1);
        ch.onSend(frame -> {
            Frame f = decode(frame);
            Ipv6Header ip = f.ipv6().orElseThrow();
            assertEquals(NdpScanner.ALL_NODES, ip.destination());
            if (f.icmpv6().orElse(null) instanceof Icmpv6Message.Echo e) {
                // pc2 answers echo; pc3 drops it
                return List.of(CapturedFrame.of(0, LinkType.EN10MB, PacketBuilder.ethernet(PC2, SELF)
                        .ipv6(v6("2001:db8:1::11"), ME).icmpv6(new Icmpv6Message.Echo(false, e.identifier(),
                                e.sequence(), e.data())).build()));
            }
            // the unknown-option probe: both answer with a parameter problem quoting it
            byte[] quoted = Arrays.copyOfRange(frame, 14, 14 + 48);
            List<CapturedFrame> out = new ArrayList<>();
            for (var host : Map.of(PC2, "2001:db8:1::11", PC3, "2001:db8:1::12").entrySet()) {
                byte[] body = new byte[4 + quoted.length];
                body[3] = 42; // pointer to the option
                System.arraycopy(quoted, 0, body, 4, quoted.length);
                out.add(CapturedFrame.of(0, LinkType.EN10MB, PacketBuilder.ethernet(host.getKey(), SELF)
                        .ipv6(v6(host.getValue()), ME).icmpv6(new Icmpv6Message.Other(
                                dev.netkit.packet.Icmpv6Type.PARAMETER_PROBLEM, 2, body)).build()));
            }
            return out;
        });
        List<ArpAnswer> seen = new ArrayList<>();
        List<ArpAnswer> found = scanner.sweep(seen::add);
        assertEquals(2, ch.sent().size());
        byte[] probe = ch.sent().get(1);
        assertEquals(60, probe[14 + 6] & 0xff, "a destination options header");
        assertEquals(NdpScanner.PROBE_OPTION, probe[14 + 40 + 2] & 0xff);
        assertEquals(List.of(v6("2001:db8:1::11"), v6("2001:db8:1::12")), found.stream().map(ArpAnswer::ip).toList());
        assertEquals(PC3, found.get(1).mac());
        assertEquals(2, seen.size(), "pc2 answering both probes is one neighbour, not a duplicate");
    }

    @Test
    void targetsAreAddressesSmallBlocksAndRanges() {
        assertEquals(List.of(v6("2001:db8:1::1"), v6("2001:db8:1::2"), v6("2001:db8:1::3")),
                Ipv6Targets.expand(List.of("2001:db8:1::1-3")));
        assertEquals(0x20, Ipv6Targets.expand(List.of("2001:db8:1::1-20")).size(), "the last group is hex");
        assertEquals(255, Ipv6Targets.expand(List.of("2001:db8:1::/120")).size(), "no Subnet-Router anycast");
        assertEquals(List.of(v6("2001:db8:1::11")), Ipv6Targets.expand(List.of("2001:db8:1::11")));
        assertThrows(NetkitException.class, () -> Ipv6Targets.expand(List.of("2001:db8:1::/64")));
        assertThrows(NetkitException.class, () -> Ipv6Targets.expand(List.of("198.18.1.0/24")));
        assertThrows(NetkitException.class, () -> Ipv6Targets.expand(List.of("2001:db8:1::9-2001:db8:1::1")));
    }
}
