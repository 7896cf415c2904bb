package dev.netkit.packet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BER identifier and length octets (X.690 8.1.2, 8.1.3) as SNMP messages carry them. */
class BerElementTest {
    @Test
    void parseShortForm() {
        // SEQUENCE of 3 bytes: INTEGER 0
        BerElement e = BerElement.parse(Vectors.hex("3003020100"), 0, 5, 5);
        assertEquals(BerElement.Status.COMPLETE, e.status());
        assertEquals(BerElement.UNIVERSAL, e.tagClass());
        assertTrue(e.constructed());
        assertEquals(16, e.tag());
        assertEquals(2, e.headerLength());
        assertEquals(3, e.contentLength());
        assertEquals(5, e.totalLength());
    }

    @Test
    void parseLongFormAndContextClass() {
        // GetResponse PDU (context 2, constructed) with a two-octet long-form length of 0x0100
        byte[] d = new byte[4 + 256];
        d[0] = (byte) 0xa2;
        d[1] = (byte) 0x82;
        d[2] = 0x01;
        BerElement e = BerElement.parse(d, 0, d.length, d.length);
        assertEquals(BerElement.Status.COMPLETE, e.status());
        assertEquals(BerElement.CONTEXT, e.tagClass());
        assertEquals(2, e.tag());
        assertEquals(4, e.headerLength());
        assertEquals(2, e.lengthOctets());
        assertEquals(256, e.contentLength());
    }

    @Test
    void parseHighTagNumber() {
        // private primitive, tag 0x81 0x05 = 133, empty content
        BerElement e = BerElement.parse(Vectors.hex("df810500"), 0, 4, 4);
        assertEquals(BerElement.PRIVATE, e.tagClass());
        assertFalse(e.constructed());
        assertEquals(133, e.tag());
        assertEquals(4, e.headerLength());
        assertEquals(0, e.contentLength());
    }

    @Test
    void contentLongerThanDeclared() {
        BerElement e = BerElement.parse(Vectors.hex("0405616263"), 0, 5, 5);
        assertEquals(BerElement.Status.CONTENT_CUT, e.status());
        assertEquals(5, e.contentLength());
    }

    @Test
    void declaredWindowEndsInsideTheHeader() {
        assertEquals(BerElement.Status.EMPTY, BerElement.parse(Vectors.hex("30"), 0, 0, 1).status());
        assertEquals(BerElement.Status.NO_LENGTH, BerElement.parse(Vectors.hex("3003"), 0, 1, 2).status());
        assertEquals(BerElement.Status.TAG_CUT, BerElement.parse(Vectors.hex("1f8101"), 0, 2, 3).status());
        BerElement cut = BerElement.parse(Vectors.hex("308401020304"), 0, 4, 6);
        assertEquals(BerElement.Status.LENGTH_CUT, cut.status());
        assertEquals(4, cut.lengthOctets());
    }

    @Test
    void truncatedCaptureIsToldApartFromTheDeclaredLength() {
        assertEquals(BerElement.Status.HEADER_NOT_CAPTURED, BerElement.parse(Vectors.hex("30"), 0, 10, 1).status());
        assertEquals(BerElement.Status.HEADER_NOT_CAPTURED, BerElement.parse(Vectors.hex("1f81"), 0, 10, 2).status());
        assertEquals(BerElement.Status.LENGTH_NOT_CAPTURED, BerElement.parse(Vectors.hex("308201"), 0, 10, 3)
                .status());
    }

    @Test
    void overlongLengthKeepsItsLow32Bits() {
        // five length octets 01 00 00 00 05: X.690 allows it, the value fits only in its low 32 bits
        BerElement e = BerElement.parse(Vectors.hex("04850100000005" + "0000000000"), 0, 12, 12);
        assertEquals(5, e.contentLength());
        assertEquals(BerElement.Status.COMPLETE, e.status());
    }
}
