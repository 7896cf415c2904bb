package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relative-sequence bookkeeping: both directions of a conversation share one entry, at any size. */
class TcpSequenceBasesTest {
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bothDirectionsOfManyConversationsKeepTheirBases() {
        TcpSequenceBases bases = new TcpSequenceBases();
        InetAddress server = ip("198.18.10.10");
        int n = 50_000; // far beyond the first table size: it grows many times
        for (int i = 0; i < n; i++) {
            InetAddress client = ip("198.18." + (1 + i / 250) + "." + (1 + i % 250));
            int port = 10_000 + i % 50_000;
            assertFalse(bases.find(client, port, server, 80));
            bases.set(i, 1_000_000L + i); // the client's SYN: seq i, ack+1 of the server's
        }
        for (int i = 0; i < n; i++) {
            InetAddress client = ip("198.18." + (1 + i / 250) + "." + (1 + i % 250));
            int port = 10_000 + i % 50_000;
            assertTrue(bases.find(server, 80, client, port), "reply of conversation " + i);
            assertEquals(1_000_000L + i, bases.seqBase(), "the server's sequence base");
            assertEquals(i, bases.ackBase(), "the client's, seen from the server");
            assertTrue(bases.find(client, port, server, 80));
            assertEquals(i, bases.seqBase());
        }
    }

    @Test
    void ipv6AndMappedAddressesAreConversationsToo() {
        TcpSequenceBases bases = new TcpSequenceBases();
        InetAddress a = ip("2001:db8:1::10");
        InetAddress b = ip("2001:db8:10::10");
        InetAddress mapped = ip("::ffff:198.18.1.10"); // Java turns it into an Inet4Address
        assertFalse(bases.find(a, 40000, b, 443));
        bases.set(7, 99);
        assertFalse(bases.find(mapped, 40000, b, 443));
        bases.set(8, 100);
        assertTrue(bases.find(b, 443, a, 40000));
        assertEquals(99, bases.seqBase());
        assertEquals(7, bases.ackBase());
        assertTrue(bases.find(b, 443, mapped, 40000));
        assertEquals(100, bases.seqBase());
        assertEquals(8, bases.ackBase());
    }

    @Test
    void aNewSynReplacesTheBasesOfAReusedConversation() {
        TcpSequenceBases bases = new TcpSequenceBases();
        InetAddress c = ip("198.18.1.10");
        InetAddress s = ip("198.18.10.10");
        bases.find(c, 5000, s, 80);
        bases.set(1, 2);
        assertTrue(bases.find(s, 80, c, 5000));
        bases.set(0xFFFFFFFFL, 0x80000000L); // both bases use all 32 bits
        assertTrue(bases.find(c, 5000, s, 80));
        assertEquals(0x80000000L, bases.seqBase());
        assertEquals(0xFFFFFFFFL, bases.ackBase());
    }
}
