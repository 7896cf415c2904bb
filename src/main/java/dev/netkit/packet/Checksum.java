package dev.netkit.packet;

/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum of 16-bit
 * words. Sums are kept as {@code long} so they can be added before they are folded with {@link #finish}.
 */
public final class Checksum {
    private Checksum() {
    }

    /** The unfolded sum of {@code length} bytes as big-endian 16-bit words; an odd last byte is padded with zero. */
    public static long sum(byte[] data, int offset, int length) {
        long sum = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds the carries of {@code sum} into 16 bits: the one's complement sum. */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum field value for a sum: the one's complement of the folded sum. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }

    /** The checksum of {@code length} bytes (with the checksum field zeroed, this is the value to store). */
    public static int of(byte[] data, int offset, int length) {
        return finish(sum(data, offset, length));
    }

    /** True when {@code length} bytes, checksum field included, plus {@code initial} sum to 0xffff. */
    public static boolean verify(byte[] data, int offset, int length, long initial) {
        return fold(sum(data, offset, length) + initial) == 0xffff;
    }
}
