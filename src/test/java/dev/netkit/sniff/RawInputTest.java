package dev.netkit.sniff;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hex dump reader's rules, text2pcap's: offsets, packets, comments, the ASCII column, plain hex. */
class RawInputTest {
    private static List<String> hex(String text) {
        return RawInput.hexDump(text).stream().map(HexFormat.of()::formatHex).toList();
    }

    @Test
    void odLinesMakeOnePacketEachOffsetZeroStartsTheNext() {
        assertEquals(List.of("4500001c0001", "aabb"), hex("""
                # od -Ax -tx1 -v
                000000 45 00 00 1c
                000004 00 01
                000006
                000000 aa bb
                """));
    }

    @Test
    void wiresharkHexDumpWithItsAsciiColumnAndMailQuotes() {
        assertEquals(List.of("450000"), hex("> 0000   45 00 00                E..\n"));
        assertEquals(List.of("0102"), hex("0000:\t01 02\tzz 03\n"));
    }

    @Test
    void anOffsetOutOfStepDropsThePacket() {
        assertEquals(List.of("cc"), hex("0000 aa bb\n0005 01\n0000 cc\n"));
    }

    @Test
    void textWithoutOffsetsIsOnePlainHexPacket() {
        assertEquals(List.of("4500001c"), hex("45 00 00 1c\n"));
        assertEquals(List.of("4500001c"), hex("0x4500001c"));
    }

    @Test
    void nothingToDecodeIsAUsageError() {
        NetkitException e = assertThrows(NetkitException.class, () -> RawInput.hexDump("hello\n"));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }
}
