package dev.netkit.packet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 3376 4.1.1 / RFC 3810 5.1.3 floating-point codes, at the edges of both forms. */
class MulticastTimerCodeTest {
    @Test
    void eightBitCodes() {
        assertEquals(0, MulticastTimerCode.decode8(0));
        assertEquals(100, MulticastTimerCode.decode8(100)); // the default 10 s, in tenths
        assertEquals(127, MulticastTimerCode.decode8(127));
        assertEquals(128, MulticastTimerCode.decode8(0x80)); // exp 0, mant 0: 0x10 << 3
        assertEquals(0x1a << 5, MulticastTimerCode.decode8(0xaa)); // exp 2, mant 0xa
        assertEquals(31744, MulticastTimerCode.decode8(0xff)); // exp 7, mant 0xf: 0x1f << 10
    }

    @Test
    void sixteenBitCodes() {
        assertEquals(10000, MulticastTimerCode.decode16(10000)); // MLDv2's default 10 s, in ms
        assertEquals(32767, MulticastTimerCode.decode16(32767));
        assertEquals(32768, MulticastTimerCode.decode16(0x8000)); // exp 0, mant 0: 0x1000 << 3
        assertEquals(0x1abcL << 6, MulticastTimerCode.decode16(0xbabc)); // exp 3, mant 0xabc
        assertEquals(8387584, MulticastTimerCode.decode16(0xffff)); // 0x1fff << 10
    }
}
