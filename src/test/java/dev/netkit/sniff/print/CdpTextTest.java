package dev.netkit.sniff.print;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CDP as tcpdump 4.99.6 prints it (tests/cdp-v.out); each expected value is tcpdump's text for the vector. */
class CdpTextTest {
    /** 3560_CDP.pcap's first message, shortened: device id, capabilities, duplex and type 0x1a. */
    private static final byte[] CDP = HexFormat.of().parseHex("02b4b0bd" + "0001000a537769746368"
            + "000400080000" + "0028" + "000b000501" + "001a00100000000100000000ffffffff");

    private static String print(byte[] d, int end, int verbose) {
        StringBuilder b = new StringBuilder();
        CdpText.print(b, d, 0, end, d.length, verbose);
        return b.toString();
    }

    @Test
    void plainNamesTheDevice() {
        assertEquals("CDPv2, ttl: 180s, Device-ID 'Switch', length 43", print(CDP, CDP.length, 0));
    }

    @Test
    void verboseDecodesEachTlvAndDumpsTheUnknown() {
        assertEquals("CDPv2, ttl: 180s, checksum: 0xb0bd (unverified), length 43\n"
                + "\tDevice-ID (0x01), value length: 6 bytes: 'Switch'\n"
                + "\tCapability (0x04), value length: 4 bytes: (0x00000028): L2 Switch, IGMP snooping\n"
                + "\tDuplex (0x0b), value length: 1 byte: full\n"
                + "\tunknown field type (0x1a), value length: 12 bytes: \n"
                + "\t  0x0000:  0000 0001 0000 0000 ffff ffff", print(CDP, CDP.length, 1));
    }

    @Test
    void cutCaptureEndsWithTheProtocol() {
        assertEquals("CDPv2, ttl: 180s, checksum: 0xb0bd (unverified), length 43\n"
                + "\tDevice-ID (0x01), value length: 6 bytes: 'Swi [|cdp]", print(CDP, 11, 1));
    }

    @Test
    void tooShortTlvIsInvalid() {
        byte[] d = HexFormat.of().parseHex("02b4b0bd00010002");
        assertEquals("CDPv2, ttl: 180s, Device-ID TLV length 2 too short (invalid)", print(d, d.length, 0));
    }
}
