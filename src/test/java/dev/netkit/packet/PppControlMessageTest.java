package dev.netkit.packet;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PppControlMessageTest {
    // tcpdump's ppp-invalid-lengths.pcap (LINKTYPE_PPP), the first 24 bytes after the protocol 8021, -v:
    // IPCP, Conf-Nack (0x03), id 128, length 58454
    //   encoded length 8451 (=Option(s) length 8447)
    //   IP-Comp Option (0x02), length 218: IP Header Compression (0x61):
    //     TCP Space 24929, non-TCP Space 24929, maxPeriod 25441, maxTime 24929, maxHdr 24953
    //       Suboptions, length 204
    //         Unknown Suboption #220, length 220 [remaining suboptions length 204 < 220] (invalid)
    static final String IPCP_NACK = "03802103 02da0061 61616161 63616161 6179dcdc dcdc630e";
    // tcpdump's ppp_ccp_config_deflate_option_asan.pcap, everything after the protocol 80fd, -v:
    // CCP, Conf-Request (0x01), id 223, length 125685
    //   encoded length 15 (=Option(s) length 11)
    //   MVRCA Option (0x18), length 5 [|ppp]
    static final String CCP_CUT = "01df000f1805ff";

    @Test
    void parse() {
        PppControlMessage m = new PppControlMessage(hex(IPCP_NACK), 0, 24);
        assertEquals(3, m.code());
        assertEquals(128, m.identifier());
        assertEquals(8451, m.declaredLength());
        PppControlMessage.Option ipComp = m.option(PppControlMessage.HEADER);
        assertEquals(new PppControlMessage.Option(2, 218, 4), ipComp);
        assertEquals(0x61, m.u16At(ipComp.data()));
        assertEquals(24929, m.u16At(ipComp.data() + 2), "TCP Space");
        assertEquals(24953, m.u16At(ipComp.data() + 10), "maxHdr");
        assertEquals(new PppControlMessage.Option(220, 220, 18), m.option(18), "the first suboption");
    }

    @Test
    void offsetsAreRelativeToTheCodeByte() {
        byte[] frame = hex("8021" + IPCP_NACK);
        PppControlMessage m = new PppControlMessage(frame, 2, frame.length);
        assertEquals(3, m.code());
        assertEquals(24, m.length());
    }

    @Test
    void truncated() {
        PppControlMessage m = new PppControlMessage(hex(CCP_CUT), 0, 7);
        assertEquals(15, m.declaredLength());
        assertEquals(new PppControlMessage.Option(0x18, 5, 4), m.option(4));
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> m.bytesAt(6, 3));
        assertTrue(e.isTruncation());
        assertThrows(MalformedPacketException.class, m::magicNumber, "bytes 4-7 of 7");
        assertThrows(MalformedPacketException.class, () -> m.option(6));
        PppControlMessage empty = new PppControlMessage(hex(CCP_CUT), 7, 7);
        assertThrows(MalformedPacketException.class, empty::code);
    }

    @Test
    void endIsClampedToTheCapture() {
        PppControlMessage m = new PppControlMessage(hex(CCP_CUT), 0, 1000);
        assertEquals(7, m.length());
    }
}
