package dev.netkit.ping;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.LinkType;
import dev.netkit.capture.ScriptedChannel;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.Frame;
import dev.netkit.packet.MacAddress;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The injection channel's own ARP resolution of a next hop missing from the neighbour table. */
class ProbeChannelsTest {
    static final MacAddress OWN = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress R1 = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress OTHER = MacAddress.parse("02:00:00:00:00:0b");
    static final Inet4Address CLIENT = (Inet4Address) SimulatedNetwork.ip("198.18.1.10");
    static final Inet4Address GATEWAY = (Inet4Address) SimulatedNetwork.ip("198.18.1.1");
    static final Inet4Address PC2 = (Inet4Address) SimulatedNetwork.ip("198.18.1.11");

    static CapturedFrame reply(MacAddress from, Inet4Address ip) {
        return CapturedFrame.of(0, LinkType.EN10MB, ArpMessage.reply(from, ip, OWN, CLIENT).toFrame());
    }

    @Test
    void arpRequestIsBroadcastAndOnlyTheHopsReplyCounts() {
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB)
                .onSend(frame -> List.of(reply(OTHER, PC2), reply(R1, GATEWAY)));
        assertEquals(R1, ProbeChannels.arp(wire, OWN, CLIENT, GATEWAY, 1000));
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
        assertNull(ProbeChannels.arp(wire, OWN, CLIENT, GATEWAY, 30));
        assertEquals(3, wire.sent().size());
        assertTrue(wire.sent().stream().allMatch(f -> f[12] == 0x08 && f[13] == 0x06), "ARP frames only");
    }
}
