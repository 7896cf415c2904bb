package dev.netkit.sniff.print;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.netkit.capture.CaptureStats;
import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.Frame;
import dev.netkit.packet.Icmpv4Message;
import dev.netkit.packet.Icmpv6Message;
import dev.netkit.packet.IgmpMessage;
import dev.netkit.packet.MldMessage;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.Ipv6Header;
import dev.netkit.packet.Layer;
import dev.netkit.packet.LinuxCookedHeader;
import dev.netkit.packet.ArpPacket;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.PppHeader;
import dev.netkit.packet.TcpHeader;
import dev.netkit.packet.TcpOption;
import dev.netkit.packet.UdpHeader;
import dev.netkit.sniff.SniffedPacket;
import dev.netkit.sniff.TrafficStats;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code sniff --json}: one NDJSON object per packet with a key per layer present (eth, arp, ip, icmp, icmp6,
 * tcp, udp, dns), then a summary line. Written with jackson-core straight to the output and flushed only
 * when the capture is idle or ends, so reading a file is not one system call per packet. Non-ASCII and
 * control characters are escaped, so names from the wire are safe on a terminal.
 */
final class PacketJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final int MAX_RECORDS = 64;
    private final JsonGenerator g;
    private final StringBuilder scratch = new StringBuilder(64);

    PacketJson(Writer out) {
        try {
            g = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(null);
    }

    /** Straight to a byte stream (jackson's UTF-8 generator: no char conversion). */
    PacketJson(java.io.OutputStream out) {
        try {
            g = FACTORY.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(null); // each object ends its own line (writeRaw) so a flushed line is complete
    }

    void packet(SniffedPacket p) {
        try {
            write(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(SniffedPacket p) throws IOException {
        Frame f = p.decoded();
        g.writeStartObject();
        g.writeStringField("type", "packet");
        g.writeFieldName("ts");
        g.writeNumber(epochSeconds(p.frame().timestampNanos()));
        g.writeNumberField("caplen", p.frame().capturedLength());
        g.writeNumberField("len", p.frame().originalLength());
        boolean ipDone = false;
        List<Layer> layers = f.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            switch (l) {
                case EthernetHeader e -> {
                    g.writeObjectFieldStart("eth");
                    g.writeStringField("src", AddressText.mac(e.source().octets()));
                    g.writeStringField("dst", AddressText.mac(e.destination().octets()));
                    g.writeNumberField("ethertype", e.etherType().value());
                    if (!e.tags().isEmpty()) {
                        g.writeNumberField("vlan", e.tags().get(0).vlanId());
                    }
                    g.writeEndObject();
                }
                case PppHeader h -> {
                    g.writeObjectFieldStart("ppp");
                    g.writeNumberField("protocol", h.protocol());
                    g.writeEndObject();
                }
                case LinuxCookedHeader c -> {
                    g.writeObjectFieldStart("sll");
                    g.writeNumberField("packet_type", c.packetType());
                    if (c.address().length == 6) {
                        g.writeStringField("src", AddressText.mac(c.address()));
                    }
                    g.writeNumberField("ethertype", c.protocol().value());
                    if (c.version() == 2) {
                        g.writeNumberField("ifindex", c.interfaceIndex());
                    }
                    g.writeEndObject();
                }
                case ArpMessage a -> {
                    g.writeObjectFieldStart("arp");
                    int op = a.operation().value();
                    g.writeStringField("op", op == 1 ? "request" : op == 2 ? "reply" : Integer.toString(op));
                    g.writeStringField("sender_mac", AddressText.mac(a.senderMac().octets()));
                    g.writeStringField("sender_ip", AddressText.ip(a.senderIp()));
                    g.writeStringField("target_mac", AddressText.mac(a.targetMac().octets()));
                    g.writeStringField("target_ip", AddressText.ip(a.targetIp()));
                    g.writeEndObject();
                }
                case Ipv4Header h -> {
                    if (ipDone) {
                        continue; // a tunnelled header: the outer one is reported
                    }
                    ipDone = true;
                    g.writeObjectFieldStart("ip");
                    g.writeNumberField("version", 4);
                    g.writeStringField("src", AddressText.ip(h.source()));
                    g.writeStringField("dst", AddressText.ip(h.destination()));
                    g.writeNumberField("ttl", h.ttl());
                    g.writeNumberField("proto", h.protocol().value());
                    g.writeNumberField("id", h.identification());
                    g.writeBooleanField("df", h.dontFragment());
                    g.writeBooleanField("mf", h.moreFragments());
                    g.writeNumberField("frag_offset", h.fragmentOffset()); // in 8-byte units, as in the header (and tshark)
                    g.writeNumberField("len", h.totalLength());
                    g.writeBooleanField("checksum_ok", h.checksumValid());
                    g.writeEndObject();
                }
                case Ipv6Header h -> {
                    if (ipDone) {
                        continue;
                    }
                    ipDone = true;
                    ipv6(h, layers, i + 1);
                }
                case Icmpv4Message m -> {
                    g.writeObjectFieldStart("icmp");
                    g.writeNumberField("type", m.type().value());
                    g.writeNumberField("code", m.code());
                    if (m instanceof Icmpv4Message.Echo e) {
                        g.writeNumberField("id", e.identifier());
                        g.writeNumberField("seq", e.sequence());
                    } else if (m instanceof Icmpv4Message.DestinationUnreachable u && u.nextHopMtu() != 0) {
                        g.writeNumberField("mtu", u.nextHopMtu());
                    }
                    g.writeEndObject();
                }
                case Icmpv6Message m -> icmp6(m);
                case IgmpMessage m -> igmp(m);
                case TcpHeader t -> {
                    g.writeObjectFieldStart("tcp");
                    g.writeNumberField("sport", t.sourcePort());
                    g.writeNumberField("dport", t.destinationPort());
                    g.writeNumberField("seq", t.sequence());
                    g.writeNumberField("ack", t.acknowledgement());
                    g.writeStringField("flags", TcpText.flagLetters(t.flags()));
                    g.writeNumberField("win", t.window());
                    g.writeArrayFieldStart("options");
                    for (TcpOption o : t.options()) {
                        g.writeString(tcpOption(o));
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                case UdpHeader u -> {
                    g.writeObjectFieldStart("udp");
                    g.writeNumberField("sport", u.sourcePort());
                    g.writeNumberField("dport", u.destinationPort());
                    g.writeNumberField("len", u.length());
                    g.writeEndObject();
                }
                default -> {
                }
            }
        }
        if (p.dnsjava() != null) {
            dns(p.dnsjava());
        }
        if (f.udp().isPresent() && f.payloadLength() > 0 && isSnmp(f.udp().get())) {
            snmp(p.frame().data(), f.payloadOffset(), f.payloadLength());
        }
        // ARP of another hardware or protocol than Ethernet and IPv4: the codec stops, its fields are still there
        boolean arp = f.stoppedAt().filter("arp"::equals).isPresent() && otherArp(p.frame().data(), f.payloadOffset());
        if (f.stoppedAt().isPresent() && !arp) {
            g.writeStringField("stopped_at", f.stoppedAt().get());
            g.writeStringField("problem", f.problem().orElse(""));
        } else if (layers.isEmpty()) {
            g.writeStringField("link_type", p.frame().linkType().name());
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static boolean isSnmp(UdpHeader u) {
        return u.sourcePort() == SnmpText.PORT || u.destinationPort() == SnmpText.PORT
                || u.sourcePort() == SnmpText.TRAP_PORT || u.destinationPort() == SnmpText.TRAP_PORT;
    }

    /** RFC 3416's PDU names as tcpdump prints them. */
    private static final String[] SNMP_PDUS = {"GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap",
            "GetBulk", "Inform", "V2Trap", "Report"};

    /**
     * An "snmp" object: the version (0 v1, 1 v2c, 3 v3) and, for v1 and v2c (RFC 1157, RFC 1901), the community,
     * the PDU's name and its request id; nothing when the message does not start as SNMP.
     */
    private void snmp(byte[] d, int off, int len) throws IOException {
        // its complaints are tcpdump's text, not JSON; the PDU read here holds no object identifier to name
        BerText ber = new BerText(new StringBuilder(), d, off + len, true);
        long version;
        String community = null;
        String pdu = null;
        long requestId = -1;
        try {
            BerText.Element m = ber.expect(off, len, BerText.Kind.SEQUENCE, "");
            BerText.Element v = m == null ? null : ber.expect(m.content(), m.length(), BerText.Kind.INTEGER, "");
            if (v == null) {
                return;
            }
            version = v.value();
            int at = m.content() + v.size();
            int left = m.length() - v.size();
            BerText.Element c = version == 0 || version == 1 ? ber.expect(at, left, BerText.Kind.STRING, "") : null;
            if (c != null) {
                int n = Math.max(0, Math.min(c.length(), Math.min(d.length, off + len) - c.content()));
                community = new String(d, c.content(), n, java.nio.charset.StandardCharsets.ISO_8859_1);
                BerText.Element p = ber.parse(at + c.size(), left - c.size());
                if (p != null && p.kind() == BerText.Kind.PDU && p.id() < SNMP_PDUS.length) {
                    pdu = SNMP_PDUS[p.id()];
                    BerText.Element id = p.id() == 4 ? null
                            : ber.expect(p.content(), p.length(), BerText.Kind.INTEGER, "");
                    requestId = id == null ? -1 : id.value();
                }
            }
        } catch (MalformedPacketException e) {
            return; // the capture ends inside an element's header: no SNMP object, as tcpdump's [|snmp]
        }
        g.writeObjectFieldStart("snmp");
        g.writeNumberField("version", version);
        if (community != null) {
            g.writeStringField("community", community);
        }
        if (pdu != null) {
            g.writeStringField("pdu", pdu);
        }
        if (requestId >= 0) {
            g.writeNumberField("request_id", requestId);
        }
        g.writeEndObject();
    }

    /** An "arp" object for ARP of any hardware and protocol type; false when its addresses were not captured. */
    private boolean otherArp(byte[] d, int at) throws IOException {
        ArpPacket a;
        try {
            a = ArpPacket.newChecked(d, at, d.length - at);
        } catch (MalformedPacketException e) {
            return false;
        }
        int op = a.operation().value();
        boolean ip = a.protocolType().value() == 0x0800 && a.protocolLength() == 4;
        g.writeObjectFieldStart("arp");
        g.writeStringField("op", op == 1 ? "request" : op == 2 ? "reply" : Integer.toString(op));
        g.writeNumberField("htype", a.hardwareType());
        g.writeNumberField("ptype", a.protocolType().value());
        g.writeStringField("sender_hw", ArpText.linkAddress(a.hardwareType(), a.senderHardwareAddress()));
        protocolAddress(ip ? "sender_ip" : "sender_proto", ip, a.senderProtocolAddress());
        g.writeStringField("target_hw", ArpText.linkAddress(a.hardwareType(), a.targetHardwareAddress()));
        protocolAddress(ip ? "target_ip" : "target_proto", ip, a.targetProtocolAddress());
        g.writeEndObject();
        return true;
    }

    private void protocolAddress(String key, boolean ip, byte[] address) throws IOException {
        StringBuilder s = new StringBuilder();
        if (ip) {
            AddressText.ipv4(s, address, 0);
        } else {
            for (byte x : address) {
                AddressText.hex2(s, x & 0xff);
            }
        }
        g.writeStringField(key, s.toString());
    }

    /** Epoch seconds as a plain decimal (never 1.7E9): microseconds, or nanoseconds when they are there. */
    private String epochSeconds(long nanos) {
        scratch.setLength(0);
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        long frac = Math.floorMod(nanos, 1_000_000_000L);
        scratch.append(sec).append('.');
        boolean micro = frac % 1000 == 0;
        long v = micro ? frac / 1000 : frac;
        long div = micro ? 100_000L : 100_000_000L;
        while (div > 0) {
            scratch.append((char) ('0' + (v / div) % 10));
            div /= 10;
        }
        return scratch.toString();
    }

    private void ipv6(Ipv6Header h, List<Layer> layers, int next) throws IOException {
        g.writeObjectFieldStart("ip");
        g.writeNumberField("version", 6);
        g.writeStringField("src", AddressText.ip(h.source()));
        g.writeStringField("dst", AddressText.ip(h.destination()));
        g.writeNumberField("ttl", h.hopLimit());
        int proto = h.nextHeader().value();
        Ipv6ExtensionHeader.Fragment frag = null;
        for (int i = next; i < layers.size() && layers.get(i) instanceof Ipv6ExtensionHeader x; i++) {
            proto = x.nextHeader().value();
            if (x instanceof Ipv6ExtensionHeader.Fragment fr) {
                frag = fr;
            }
        }
        g.writeNumberField("proto", proto);
        if (frag != null) {
            g.writeNumberField("id", frag.identification());
            g.writeBooleanField("mf", frag.moreFragments());
            g.writeNumberField("frag_offset", frag.fragmentOffset());
        }
        g.writeNumberField("len", h.payloadLength() + 40);
        g.writeEndObject();
    }

    private void icmp6(Icmpv6Message m) throws IOException {
        g.writeObjectFieldStart("icmp6");
        g.writeNumberField("type", m.type().value());
        g.writeNumberField("code", m.code());
        switch (m) {
            case Icmpv6Message.Echo e -> {
                g.writeNumberField("id", e.identifier());
                g.writeNumberField("seq", e.sequence());
            }
            case Icmpv6Message.NeighborSolicitation n -> g.writeStringField("target", AddressText.ip(n.target()));
            case Icmpv6Message.NeighborAdvertisement n -> {
                g.writeStringField("target", AddressText.ip(n.target()));
                g.writeBooleanField("router", n.router());
                g.writeBooleanField("solicited", n.solicited());
                g.writeBooleanField("override", n.override());
            }
            case Icmpv6Message.PacketTooBig t -> g.writeNumberField("mtu", t.mtu());
            default -> {
                MldMessage mld = MldMessage.of(m).orElse(null);
                if (mld != null) {
                    mld(mld);
                }
            }
        }
        g.writeEndObject();
    }

    /** MLD in {@code "icmp6"}: {@code "version","group","max_resp_delay"} (ms), {@code "sources"}, {@code "records"}. */
    private void mld(MldMessage m) throws IOException {
        switch (m) {
            case MldMessage.Query q -> {
                g.writeNumberField("version", q.version());
                g.writeStringField("group", AddressText.ip(q.group()));
                g.writeNumberField("max_resp_delay", q.maxResponseDelayMillis());
                if (q.version() == 2) {
                    g.writeBooleanField("suppress", q.suppressRouterProcessing());
                    g.writeNumberField("robustness", q.robustness());
                    g.writeNumberField("query_interval", q.queryIntervalSeconds());
                    addresses("sources", q.sources());
                }
            }
            case MldMessage.Listener l -> {
                g.writeNumberField("version", 1);
                g.writeStringField("group", AddressText.ip(l.group()));
            }
            case MldMessage.Version2Report r -> {
                g.writeNumberField("version", 2);
                g.writeArrayFieldStart("records");
                for (MldMessage.AddressRecord a : r.records()) {
                    g.writeStartObject();
                    g.writeNumberField("type", a.recordType());
                    g.writeStringField("group", AddressText.ip(a.group()));
                    addresses("sources", a.sources());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        }
    }

    /** {@code "igmp":{"type","version","group","max_resp_time","sources","records"}}; times in seconds. */
    private void igmp(IgmpMessage m) throws IOException {
        g.writeObjectFieldStart("igmp");
        g.writeNumberField("type", m.type().value());
        switch (m) {
            case IgmpMessage.Query q -> {
                g.writeNumberField("version", q.version());
                g.writeStringField("group", AddressText.ip(q.group()));
                if (q.version() > 1) {
                    g.writeNumberField("max_resp_time", q.maxResponseTenths() / 10.0);
                }
                if (q.version() == 3) {
                    g.writeBooleanField("suppress", q.suppressRouterProcessing());
                    g.writeNumberField("robustness", q.robustness());
                    g.writeNumberField("query_interval", q.queryIntervalSeconds());
                    addresses("sources", q.sources());
                }
            }
            case IgmpMessage.MembershipReport r -> {
                g.writeNumberField("version", r.version());
                g.writeStringField("group", AddressText.ip(r.group()));
            }
            case IgmpMessage.Leave l -> {
                g.writeNumberField("version", 2);
                g.writeStringField("group", AddressText.ip(l.group()));
            }
            case IgmpMessage.Version3Report r -> {
                g.writeNumberField("version", 3);
                g.writeArrayFieldStart("records");
                for (IgmpMessage.GroupRecord gr : r.records()) {
                    g.writeStartObject();
                    g.writeNumberField("type", gr.recordType());
                    g.writeStringField("group", AddressText.ip(gr.group()));
                    addresses("sources", gr.sources());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            case IgmpMessage.Other o -> {
            }
        }
        g.writeEndObject();
    }

    private void addresses(String name, java.util.List<? extends java.net.InetAddress> list) throws IOException {
        g.writeArrayFieldStart(name);
        for (java.net.InetAddress a : list) {
            g.writeString(AddressText.ip(a));
        }
        g.writeEndArray();
    }

    private String tcpOption(TcpOption o) {
        scratch.setLength(0);
        switch (o) {
            case TcpOption.NoOperation n -> scratch.append("nop");
            case TcpOption.EndOfList e -> scratch.append("eol");
            case TcpOption.MaximumSegmentSize m -> scratch.append("mss ").append(m.mss());
            case TcpOption.WindowScale w -> scratch.append("wscale ").append(w.shift());
            case TcpOption.SackPermitted s -> scratch.append("sackOK");
            case TcpOption.Timestamps ts -> scratch.append("TS val ").append(ts.value()).append(" ecr ")
                    .append(ts.echoReply());
            case TcpOption.Sack s -> {
                scratch.append("sack ").append(s.blocks().size()).append(' ');
                for (TcpOption.SackBlock blk : s.blocks()) {
                    scratch.append('{').append(blk.left()).append(':').append(blk.right()).append('}');
                }
            }
            case TcpOption.Unknown u -> scratch.append("unknown-").append(u.kind());
        }
        return scratch.toString();
    }

    private void dns(Message m) throws IOException {
        g.writeObjectFieldStart("dns");
        g.writeNumberField("id", m.getHeader().getID());
        g.writeBooleanField("qr", m.getHeader().getFlag(Flags.QR));
        g.writeStringField("opcode", Opcode.string(m.getHeader().getOpcode()));
        g.writeStringField("rcode", Rcode.string(m.getRcode()));
        g.writeArrayFieldStart("questions");
        List<Record> qs = m.getSection(Section.QUESTION);
        for (int i = 0; i < qs.size() && i < MAX_RECORDS; i++) {
            g.writeStartObject();
            g.writeStringField("name", qs.get(i).getName().toString());
            g.writeStringField("type", DnsText.typeName(qs.get(i).getType()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("answers");
        List<Record> as = m.getSection(Section.ANSWER);
        for (int i = 0; i < as.size() && i < MAX_RECORDS; i++) {
            Record r = as.get(i);
            g.writeStartObject();
            g.writeStringField("name", r.getName().toString());
            g.writeStringField("type", DnsText.typeName(r.getType()));
            g.writeNumberField("ttl", r.getTTL());
            g.writeStringField("data", r.rdataToString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    void summary(long captured, CaptureStats s) {
        try {
            g.writeStartObject();
            g.writeStringField("type", "summary");
            g.writeNumberField("captured", captured);
            g.writeNumberField("received_by_filter", s.receivedByFilter());
            g.writeNumberField("dropped_by_kernel", s.droppedByKernel());
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** --stats in JSON: one object per hierarchy row, talker and conversation. */
    void stats(TrafficStats st, int top) {
        try {
            for (TrafficStats.ProtocolRow r : st.hierarchy()) {
                g.writeStartObject();
                g.writeStringField("type", "protocol");
                g.writeStringField("path", r.path());
                g.writeStringField("protocol", r.protocol());
                g.writeNumberField("depth", r.depth());
                g.writeNumberField("packets", r.packets());
                g.writeNumberField("bytes", r.bytes());
                g.writeEndObject();
                g.writeRaw('\n');
            }
            for (TrafficStats.Talker t : st.topTalkers(top)) {
                g.writeStartObject();
                g.writeStringField("type", "talker");
                g.writeStringField("address", t.address());
                g.writeNumberField("packets", t.packets());
                g.writeNumberField("bytes", t.bytes());
                g.writeEndObject();
                g.writeRaw('\n');
            }
            for (TrafficStats.Conversation c : st.conversations(top)) {
                g.writeStartObject();
                g.writeStringField("type", "conversation");
                g.writeStringField("protocol", c.protocol());
                g.writeStringField("a", c.a());
                g.writeStringField("b", c.b());
                g.writeNumberField("packets", c.packets());
                g.writeNumberField("bytes", c.bytes());
                g.writeNumberField("duration_s", c.durationSeconds());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the current line and pushes everything to the writer. */
    void flush() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
