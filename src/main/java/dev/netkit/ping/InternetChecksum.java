package dev.netkit.ping;

/**
 * RFC 1071 checksum for the ICMPv4 echo requests of raw sockets (the only header the kernel leaves to us).
 * To be replaced by dev.netkit.packet's checksum once the codecs land.
 */
final class InternetChecksum {
    private InternetChecksum() {
    }

    static int of(byte[] b, int offset, int length) {
        long sum = 0;
        int i = offset;
        for (; i + 1 < offset + length; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < offset + length) {
            sum += (b[i] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
