package dev.netkit.capture;

import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.Frame;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import org.junit.jupiter.api.Test;

import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.NdpOption;
import dev.netkit.packet.PacketBuilder;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The next-hop resolver's own ARP request and neighbour solicitation for a hop missing from the neighbour table. */
class NextHopsTest {
    private static java.net.InetAddress ip(String literal) {
        return dev.netkit.system.IpLiteral.parseOrNull(literal);
    }

    static final MacAddress OWN = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress R1 = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress OTHER = MacAddress.parse("02:00:00:00:00:0b");
    static final Inet4Address CLIENT = (Inet4Address) ip("198.18.1.10");
    static final Inet4Address GATEWAY = (Inet4Address) ip("198.18.1.1");
    static final Inet4Address PC2 = (Inet4Address) ip("198.18.1.11");

    static CapturedFrame reply(MacAddress from, Inet4Address ip) {
        return CapturedFrame.of(0, LinkType.EN10MB, ArpMessage.reply(from, ip, OWN, CLIENT).toFrame());
    }

    @Test
    void arpRequestIsBroadcastAndOnlyTheHopsReplyCounts() {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB)
                .onSend(frame -> List.of(reply(OTHER, PC2), reply(R1, GATEWAY)));
        assertEquals(R1, NextHops.arp(wire, OWN, CLIENT, GATEWAY, 1000));
        assertEquals(1, wire.sent().size());
        Frame sent = Frame.decode(dev.netkit.packet.LinkType.ETHERNET, wire.sent().get(0));
        assertEquals(MacAddress.BROADCAST, sent.ethernet().orElseThrow().destination());
        ArpMessage who = sent.arp().orElseThrow();
        assertEquals(ArpOperation.REQUEST, who.operation());
        assertEquals(GATEWAY, who.targetIp());
        assertEquals(CLIENT, who.senderIp());
        assertEquals(OWN, who.senderMac());
    }

    @Test
    void silentHopIsAskedThreeTimesThenNull() {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB).onSend(frame -> List.of(reply(OTHER, PC2)));
        assertNull(NextHops.arp(wire, OWN, CLIENT, GATEWAY, 1000));
        assertEquals(3, wire.sent().size());
        assertTrue(wire.sent().stream().allMatch(f -> f[12] == 0x08 && f[13] == 0x06), "ARP frames only");
    }

    static final Inet6Address CLIENT6 = (Inet6Address) ip("2001:db8:1::10");
    static final Inet6Address GATEWAY6 = (Inet6Address) ip("2001:db8:1::1");
    static final Inet6Address PC2_6 = (Inet6Address) ip("2001:db8:1::11");

    static CapturedFrame advert(MacAddress from, Inet6Address target, MacAddress announced) {
        return advert(from, target, 255, List.of(NdpOption.LinkLayerAddress.target(announced)));
    }

    static CapturedFrame advert(MacAddress from, Inet6Address target, int hopLimit, List<NdpOption> options) {
        byte[] frame = PacketBuilder.ethernet(from, OWN).ipv6(target, CLIENT6).hopLimit(hopLimit)
                .icmpv6(new Icmpv6Message.NeighborAdvertisement(true, true, true, target, options)).build();
        return CapturedFrame.of(0, LinkType.EN10MB, frame);
    }

    @Test
    void advertBelowHopLimit255OrWithoutTargetLinkLayerOptionIsNoAnswer() {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB).onSend(frame -> List.of(
                advert(R1, GATEWAY6, 64, List.of(NdpOption.LinkLayerAddress.target(OTHER))),
                advert(R1, GATEWAY6, 255, List.of())));
        assertNull(NextHops.solicit(wire, OWN, CLIENT6, GATEWAY6, 1000));
        assertEquals(3, wire.sent().size());
    }

    /** A live capture keeps handing out queued frames past its deadline: a busy link must not stretch the wait. */
    @Test
    void steadyUnrelatedTrafficDoesNotStretchTheWait() {
        FrameChannel busy = new EndlessChannel(reply(OTHER, PC2));
        long start = System.nanoTime();
        MacAddress mac = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> NextHops.arp(busy, OWN, CLIENT,
                GATEWAY, 200));
        assertNull(mac);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 2000, "returned after " + tookMillis + " ms");
    }

    /** A channel on a busy link: receive always has a frame, whatever the deadline. */
    private record EndlessChannel(CapturedFrame frame) implements FrameChannel {
        @Override
        public LinkType linkType() {
            return LinkType.EN10MB;
        }

        @Override
        public CapturedFrame receive(long deadlineNanos) {
            return frame;
        }

        @Override
        public boolean ended() {
            return false;
        }

        @Override
        public void send(byte[] f) {
        }

        @Override
        public CaptureStats stats() {
            return CaptureStats.NONE;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void neighbourSolicitationGoesToTheSolicitedNodeGroupAndTheTargetsAdvertCounts() {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB)
                .onSend(frame -> List.of(advert(OTHER, PC2_6, OTHER), advert(OTHER, GATEWAY6, R1)));
        assertEquals(R1, NextHops.solicit(wire, OWN, CLIENT6, GATEWAY6, 1000));
        assertEquals(1, wire.sent().size());
        Frame sent = Frame.decode(dev.netkit.packet.LinkType.ETHERNET, wire.sent().get(0));
        // ff02::1:ff00:1 and its MAC 33:33:ff:00:00:01
        assertEquals(MacAddress.parse("33:33:ff:00:00:01"), sent.ethernet().orElseThrow().destination());
        Ipv6Header ip = sent.ipv6().orElseThrow();
        assertEquals(ip("ff02::1:ff00:1"), ip.destination());
        assertEquals(CLIENT6, ip.source());
        assertEquals(255, ip.hopLimit());
        Icmpv6Message.NeighborSolicitation ns = (Icmpv6Message.NeighborSolicitation) sent.icmpv6().orElseThrow();
        assertEquals(GATEWAY6, ns.target());
        assertEquals(OWN, ((NdpOption.LinkLayerAddress) ns.options().get(0)).mac());
    }

    @Test
    void silentIpv6HopIsSolicitedThreeTimesThenNull() {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB)
                .onSend(frame -> List.of(advert(OTHER, PC2_6, OTHER)));
        assertNull(NextHops.solicit(wire, OWN, CLIENT6, GATEWAY6, 1000));
        assertEquals(3, wire.sent().size());
    }
}
