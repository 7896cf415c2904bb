package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RipngMessageTest {
    /** A RIPng response for 2001:db8::/32, metric 1. tcpdump -n: {@code ripng-resp 1: 2001:db8::/32 (1)} */
    private static final byte[] RESPONSE = hex("02010000" + "20010db8000000000000000000000000 0000 20 01");
    /** A request for the whole table (RFC 2080 2.4.1): one :: entry, metric 16. tcpdump -n: {@code ripng-req dump} */
    private static final byte[] DUMP = hex("01010000" + "00000000000000000000000000000000 0000 00 10");

    @Test
    void parse() {
        RipngMessage m = new RipngMessage(RESPONSE, 0, RESPONSE.length);
        assertEquals(RipngMessage.COMMAND_RESPONSE, m.command());
        assertEquals(1, m.version());
        assertArrayEquals(hex("20010db8000000000000000000000000"), m.prefix(0));
        assertEquals(0, m.routeTag(0));
        assertEquals(32, m.prefixLength(0));
        assertEquals(1, m.metric(0));
    }

    @Test
    void wholeTableRequest() {
        RipngMessage m = new RipngMessage(DUMP, 0, DUMP.length);
        assertEquals(RipngMessage.COMMAND_REQUEST, m.command());
        assertEquals(RipngMessage.METRIC_INFINITY, m.metric(0));
        assertArrayEquals(new byte[16], m.prefix(0));
    }

    @Test
    void truncated() {
        // the response above cut after its prefix length (a constructed cut: the metric is missing)
        RipngMessage m = new RipngMessage(RESPONSE, 0, 23);
        assertEquals(32, m.prefixLength(0));
        assertEquals("ripng", assertThrows(MalformedPacketException.class, () -> m.metric(0)).protocol());
    }
}
