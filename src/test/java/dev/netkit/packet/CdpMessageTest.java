package dev.netkit.packet;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CDP messages and their TLVs from tcpdump's test capture 3560_CDP.pcap. */
class CdpMessageTest {
    // 3560_CDP.pcap packet 1: the header and the device id TLV
    // CDPv2, ttl: 180s, checksum: 0xb0bd (unverified), length 378
    //   Device-ID (0x01), value length: 6 bytes: 'Switch'
    private static final byte[] HEADER = hex("02b4b0bd" + "0001000a537769746368");

    @Test
    void parseHeaderAndDeviceId() {
        CdpMessage m = new CdpMessage(HEADER, 0, HEADER.length);
        assertEquals(2, m.version());
        assertEquals(180, m.ttl());
        assertEquals(0xb0bd, m.checksum());
        CdpTlv id = m.tlv(CdpMessage.HEADER_LENGTH);
        assertEquals(CdpTlv.TYPE_DEVICE_ID, id.type());
        assertEquals(10, id.length(), "the header counts");
        assertEquals("Switch", new String(id.value().bytesAt(0, id.valueLength()),
                StandardCharsets.US_ASCII));
    }

    @Test
    void addressTlv() {
        //   Address (0x02), value length: 13 bytes: IPv4 (1) 192.168.0.1
        byte[] d = hex("00020011000000010101cc0004c0a80001");
        CdpTlv a = new CdpMessage(d, 0, d.length).tlv(0);
        assertEquals(CdpTlv.TYPE_ADDRESS, a.type());
        assertEquals(1, a.addressCount());
        int e = CdpTlv.ADDRESSES;
        assertEquals(CdpTlv.PROTOCOL_NLPID, a.protocolType(e));
        assertEquals(1, a.protocolLength(e));
        assertEquals(0xcc, a.protocolByte(e, 0), "IPv4's NLPID");
        assertEquals(4, a.addressLength(e));
        assertArrayEquals(hex("c0a80001"), a.address(e, 4));
        assertEquals(13, a.nextAddress(e), "the value's end");
    }

    @Test
    void fixedSizeValues() {
        //   Capability (0x04), value length: 4 bytes: (0x00000028): L2 Switch, IGMP snooping
        //   Native VLAN ID (0x0a), value length: 2 bytes: 1
        //   Duplex (0x0b), value length: 1 byte: full
        //   AVVID trust bitmap (0x12), value length: 1 byte: 0x00
        byte[] d = hex("0004000800000028" + "000a00060001" + "000b000501" + "0012000500");
        CdpMessage m = new CdpMessage(d, 0, d.length);
        CdpTlv capabilities = m.tlv(0);
        assertEquals(0x28, capabilities.capabilities());
        CdpTlv vlan = m.tlv(8);
        assertEquals(CdpTlv.TYPE_NATIVE_VLAN, vlan.type());
        assertEquals(1, vlan.nativeVlan());
        CdpTlv duplex = m.tlv(14);
        assertEquals(1, duplex.duplex(), "full");
        CdpTlv trust = m.tlv(19);
        assertEquals(CdpTlv.TYPE_TRUST_BITMAP, trust.type());
        assertEquals(0, trust.trust());
    }

    @Test
    void powerTakesTheWidthOfItsValue() {
        // no capture of tcpdump's has one: a 2-byte power consumption TLV (0x10) of 6300 mW, "6.30W"
        byte[] d = hex("00100006189c");
        assertEquals(6300, new CdpMessage(d, 0, d.length).tlv(0).powerMilliwatts());
    }

    @Test
    void truncatedAtTheFieldThatIsCut() {
        CdpMessage m = new CdpMessage(HEADER, 0, 9);
        CdpTlv id = m.tlv(CdpMessage.HEADER_LENGTH);
        assertEquals(10, id.length(), "the TLV header was captured");
        MalformedPacketException e = assertThrows(MalformedPacketException.class, id::needValue);
        assertTrue(e.isTruncation());
        assertEquals("cdp", e.protocol());
        assertThrows(MalformedPacketException.class, () -> new CdpMessage(HEADER, 0, 3).checksum());
        byte[] d = hex("00020011000000010101cc0004c0a80001");
        CdpTlv a = new CdpMessage(d, 0, 15).tlv(0);
        assertEquals(4, a.addressLength(CdpTlv.ADDRESSES));
        assertThrows(MalformedPacketException.class, () -> a.address(CdpTlv.ADDRESSES, 4));
    }
}
