package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EspHeaderTest {
    /**
     * 02-sunrise-sunset-esp.pcap packet 1, the start of the ESP packet. tcpdump -n:
     * {@code IP 192.1.2.23 > 192.1.2.45: ESP(spi=0x12345678,seq=0x1), length 116}
     */
    private static final byte[] ESP = hex("12345678 00000001 4c20452f3cb09211");

    @Test
    void parse() {
        EspHeader h = new EspHeader(ESP, 0, ESP.length);
        assertEquals(0x12345678L, h.spi());
        assertEquals(1, h.sequence());
    }

    @Test
    void truncated() {
        EspHeader h = new EspHeader(ESP, 0, 6);
        assertEquals(0x12345678L, h.spi());
        assertEquals("esp", assertThrows(MalformedPacketException.class, h::sequence).protocol());
    }
}
