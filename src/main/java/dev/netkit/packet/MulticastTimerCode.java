package dev.netkit.packet;

/**
 * The floating-point codes of multicast queries: IGMPv3's 8-bit Max Resp Code and QQIC (RFC 3376 sections
 * 4.1.1 and 4.1.7), MLDv2's 8-bit QQIC (RFC 3810 section 5.1.9) and 16-bit Maximum Response Code (section 5.1.3).
 * Below the top bit a code is the value itself; with it set, it is 1 bit, a 3-bit exponent and a mantissa,
 * and the value is {@code (mant | 1 << mantBits) << (exp + 3)}.
 */
public final class MulticastTimerCode {
    private MulticastTimerCode() {
    }

    /** An 8-bit code (4-bit mantissa): 0 to 31744. */
    public static int decode8(int code) {
        return (int) decode(code & 0xff, 4);
    }

    /** A 16-bit code (12-bit mantissa): 0 to 8387584. */
    public static long decode16(int code) {
        return decode(code & 0xffff, 12);
    }

    private static long decode(int code, int mantissaBits) {
        if (code < 1 << (mantissaBits + 3)) {
            return code;
        }
        int mantissa = code & ((1 << mantissaBits) - 1);
        int exponent = (code >> mantissaBits) & 0x07;
        return (long) (mantissa | 1 << mantissaBits) << (exponent + 3);
    }
}
