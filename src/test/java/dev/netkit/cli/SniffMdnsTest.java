package dev.netkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mDNS (RFC 6762) as tcpdump prints it on UDP port 5353: the class's top bit is a question's unicast-response
 * bit, {@code (QU)} or {@code (QM)}, and a record's cache-flush bit; on port 53 the same bit is part of the class.
 * Each case is compared with Debian's tcpdump on the same file.
 */
class SniffMdnsTest {
    private static final int UNICAST_OR_FLUSH = 0x8000;

    @TempDir
    Path dir;

    private static byte[] query(int dclass) throws Exception {
        Message m = new Message(0);
        m.addRecord(Record.newRecord(Name.fromString("_services._dns-sd._udp.local."), Type.PTR, dclass),
                Section.QUESTION);
        return m.toWire();
    }

    private static byte[] answer() throws Exception {
        Message m = new Message(0);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.AA);
        Name printer = Name.fromString("printer._ipp._tcp.local.");
        m.addRecord(new PTRRecord(Name.fromString("_ipp._tcp.local."), 1, 4500, printer), Section.ANSWER);
        m.addRecord(new ARecord(Name.fromString("printer.local."), 1 | UNICAST_OR_FLUSH, 120,
                InetAddress.getByName("198.18.1.11")), Section.ANSWER);
        return m.toWire();
    }

    @Test
    void questionsAndAnswersOnPort5353LikeTcpdump() throws Exception {
        Path p = SniffLanProtocolsTest.snapped(dir.resolve("mdns.pcap"), 65535,
                SniffLanProtocolsTest.udp("198.18.1.11", "224.0.0.251", 5353, 5353, query(1)),
                SniffLanProtocolsTest.udp("198.18.1.11", "224.0.0.251", 5353, 5353, query(1 | UNICAST_OR_FLUSH)),
                SniffLanProtocolsTest.udp("198.18.1.11", "224.0.0.251", 5353, 5353, answer()),
                SniffLanProtocolsTest.udp("198.18.1.10", "198.18.1.11", 53, 5353, query(1 | UNICAST_OR_FLUSH)));
        String text = SniffLanProtocolsTest.sameAsTcpdump(p);
        assertTrue(text.contains("0 PTR (QM)? _services._dns-sd._udp.local."), text);
        assertTrue(text.contains("0 PTR (QU)? _services._dns-sd._udp.local."), text);
        assertTrue(text.contains(", (Cache flush) A 198.18.1.11"), text);
        assertTrue(text.contains("0 PTR (Class 32769)? _services"), text); // port 53: plain DNS
        SniffLanProtocolsTest.sameAsTcpdump(p, "-vv");
        SniffLanProtocolsTest.sameAsTcpdump(p, "-vvv");
    }
}
