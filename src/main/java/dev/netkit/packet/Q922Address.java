package dev.netkit.packet;

/**
 * A frame relay address (ITU-T Q.922 section 3.3, RFC 2427 section 3): two to four octets, bit 1 (EA) set on the
 * last; the DLCI is the upper six bits of the first octet, then the upper four of the second, then seven or six
 * bits of the third and fourth. Frame relay ARP (RFC 2390) carries one as its hardware address.
 *
 * @param dlci   the data link connection identifier, or -1 when the address is invalid
 * @param length the octets it took
 */
public record Q922Address(int dlci, int length) {
    /**
     * The address in the first {@code n} bytes of {@code a}; {@code dlci} -1 when an octet's EA bit is wrong, null
     * when {@code n} ends before the address does.
     */
    public static Q922Address parse(byte[] a, int n) {
        n = Math.min(n, a.length);
        if (n < 1) {
            return null;
        }
        int first = a[0] & 0xff;
        if ((first & 1) != 0) {
            return new Q922Address(-1, 1);
        }
        if (n < 2) {
            return null;
        }
        int second = a[1] & 0xff;
        int dlci = (first & 0xfc) << 2 | (second & 0xf0) >> 4;
        if ((second & 1) != 0) {
            return new Q922Address(dlci, 2);
        }
        if (n < 3) {
            return null;
        }
        int at = 2;
        if ((a[at] & 1) == 0) {
            dlci = dlci << 7 | (a[at] & 0xff) >> 1;
            at++;
            if (n < 4) {
                return null;
            }
        }
        int last = a[at] & 0xff;
        if ((last & 1) == 0) {
            return new Q922Address(-1, at + 1);
        }
        return new Q922Address(dlci << 6 | last >> 2, at + 1);
    }
}
