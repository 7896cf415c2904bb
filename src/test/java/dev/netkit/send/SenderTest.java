package dev.netkit.send;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.capture.ScriptedChannel;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.LinkType;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.PacketBuilder;
import dev.netkit.packet.TcpHeader;
import dev.netkit.system.IpLiteral;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine against a scripted wire: which frames count as answers, and what is reported. */
class SenderTest {
    private static final Inet4Address CLIENT = (Inet4Address) IpLiteral.parse("198.18.1.10", "t");
    private static final Inet4Address SERVER = (Inet4Address) IpLiteral.parse("198.18.10.10", "t");
    private static final Inet4Address R1 = (Inet4Address) IpLiteral.parse("198.18.1.1", "t");
    private static final MacAddress A = MacAddress.parse("02:6e:6b:01:00:0a");
    private static final MacAddress B = MacAddress.parse("02:6e:6b:01:00:01");

    static Probe syn(int id) {
        return new Probe(CLIENT, SERVER, Probe.Kind.TCP, 64, 0, id, false, false, 0, 0, 0, 0, 0, TcpHeader.SYN,
                1000, 0, 64240, 0, 40000, 80, new byte[0], false);
    }

    static CapturedFrame tcpFrom(Inet4Address src, int sport, int dport, int flags) {
        byte[] f = PacketBuilder.ethernet(B, A).ipv4(src, CLIENT)
                .tcp(new TcpHeader(sport, dport, 5, 1001, flags, 64240, 0, 0, List.of()), new byte[0]).build();
        return CapturedFrame.of(System.currentTimeMillis() * 1_000_000L, LinkType.EN10MB, f);
    }

    static CapturedFrame timeExceededQuoting(byte[] datagram) {
        byte[] quoted = Arrays.copyOf(datagram, 28);
        byte[] f = PacketBuilder.ethernet(B, A).ipv4(R1, CLIENT)
                .icmpv4(new Icmpv4Message.TimeExceeded(Icmpv4Message.TimeExceeded.TTL_EXCEEDED, quoted)).build();
        return CapturedFrame.of(System.currentTimeMillis() * 1_000_000L, LinkType.EN10MB, f);
    }

    @Test
    void reportsOnlyFramesThatAnswerTheProbe() {
        Probe probe = syn(77);
        byte[] ours = PacketCrafter.datagrams(probe, 0, 1500).get(0);
        byte[] other = PacketCrafter.datagrams(syn(5000), 0, 1500).get(0);
        CapturedFrame synAck = tcpFrom(SERVER, 80, 40000, TcpHeader.SYN | TcpHeader.ACK);
        CapturedFrame ourError = timeExceededQuoting(ours);
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB).onSend(sent -> List.of(
                tcpFrom(SERVER, 80, 40001, TcpHeader.RST),
                tcpFrom(R1, 80, 40000, TcpHeader.SYN | TcpHeader.ACK),
                synAck,
                timeExceededQuoting(other),
                ourError));
        List<SendEvent> events = new ArrayList<>();
        int replies = new Sender(wire, events::add).run(
                List.of(PacketCrafter.frames(List.of(ours), A, B, false)), probe,
                Duration.ofMillis(10), Duration.ofMillis(50));
        assertEquals(2, replies, events.toString());
        assertEquals(1, wire.sent().size());
        assertInstanceOf(SendEvent.Sent.class, events.get(0));
        assertSame(synAck, ((SendEvent.Reply) events.get(1)).frame());
        assertSame(ourError, ((SendEvent.Reply) events.get(2)).frame());
        assertEquals(new SendEvent.Done(1, 1, 2), events.get(3));
    }

    @Test
    void sendsEveryFragmentOfEveryProbe() {
        Probe probe = new Probe(CLIENT, SERVER, Probe.Kind.UDP, 64, 0, 9, false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 40000, 7, new byte[3000], false);
        ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB);
        List<List<byte[]>> probes = List.of(
                PacketCrafter.frames(PacketCrafter.datagrams(probe, 0, 1500), A, B, false),
                PacketCrafter.frames(PacketCrafter.datagrams(probe, 1, 1500), A, B, false));
        List<SendEvent> events = new ArrayList<>();
        int replies = new Sender(wire, events::add).run(probes, probe, Duration.ofMillis(1),
                Duration.ofMillis(1));
        assertEquals(0, replies);
        assertEquals(6, wire.sent().size(), "3 fragments of at most 1500 bytes, twice");
        for (byte[] f : wire.sent()) {
            assertTrue(f.length <= 1514, "frame of " + f.length);
        }
        assertEquals(new SendEvent.Done(2, 6, 0), events.get(events.size() - 1));
    }

    static Frame icmpFrom(Inet4Address src, Icmpv4Message m) {
        return Frame.decode(LinkType.EN10MB, PacketBuilder.ethernet(B, A).ipv4(src, CLIENT).icmpv4(m).build());
    }

    @Test
    void echoRepliesAnswerByTheirIdentifierAndArpRepliesByBothAddresses() {
        Probe ping = new Probe(CLIENT, SERVER, Probe.Kind.ICMP, 64, 0, 3, false, false, 0, 0, 8, 0, 0x4e4b, 0, 0, 0,
                0, 0, 0, 0, new byte[0], false);
        assertTrue(ping.answeredBy(icmpFrom(SERVER, Icmpv4Message.Echo.reply(0x4e4b, 1, new byte[0])), 1));
        assertFalse(ping.answeredBy(icmpFrom(SERVER, Icmpv4Message.Echo.reply(0x4e4c, 1, new byte[0])), 1));
        assertFalse(ping.answeredBy(icmpFrom(SERVER, Icmpv4Message.Echo.request(0x4e4b, 1, new byte[0])), 1));
        assertFalse(ping.answeredBy(icmpFrom(R1, Icmpv4Message.Echo.reply(0x4e4b, 1, new byte[0])), 1));

        Probe arp = new Probe(CLIENT, R1, Probe.Kind.ARP, 64, 0, 0, false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new byte[0], false, List.of(), null, null, List.of(), List.of(), ArpOperation.REQUEST);
        assertTrue(arp.answeredBy(arpFrame(ArpMessage.reply(B, R1, A, CLIENT)), 1));
        assertFalse(arp.answeredBy(arpFrame(ArpMessage.reply(B, R1, A, SERVER)), 1), "to another sender address");
        assertFalse(arp.answeredBy(arpFrame(ArpMessage.reply(B, SERVER, A, CLIENT)), 1), "from another target");
        assertFalse(arp.answeredBy(arpFrame(ArpMessage.request(B, R1, CLIENT)), 1), "a request");
    }

    static Frame arpFrame(ArpMessage m) {
        return Frame.decode(LinkType.EN10MB, PacketBuilder.ethernet(B, A).arp(m).build());
    }
}
