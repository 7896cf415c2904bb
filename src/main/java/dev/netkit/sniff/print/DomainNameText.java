package dev.netkit.sniff.print;

/**
 * A domain name in DNS wire form (RFC 1035 section 3.1, compression 4.1.4) as tcpdump's fqdn_print prints it
 * where it sits inside another protocol (DHCPv6 domain lists, ND's DNS search list, node information replies):
 * each label and a dot, a root name as a lone dot, a name longer than 255 characters cut with
 * {@code <DOMAIN NAME TOO LONG>}, bytes through WireString. A compression pointer must point backwards from
 * {@code base}'s view, as tcpdump demands.
 */
final class DomainNameText {
    private static final int MAX_NAME = 255;
    /** A printed label type byte's two high bits. */
    private static final int POINTER = 0xc0;
    private static final int EXTENDED = 0x40;
    private static final int RESERVED = 0x80;

    private DomainNameText() {
    }

    /**
     * Prints the name at {@code at}; {@code base} is where compression offsets count from, {@code end} where the
     * capture (or the enclosing message) ends. Returns where the name ends in place (after its zero byte or its
     * first pointer), or -1 where tcpdump gives up: the capture ended, a bad pointer or a bad label type.
     */
    static int print(StringBuilder b, byte[] d, int at, int base, int end) {
        end = Math.min(end, d.length);
        int i = labelLength(b, d, at, end);
        if (i < 0) {
            return -1;
        }
        // tcpdump compares unsigned: a name before its base may point anywhere (max_offset wraps around)
        long maxOffset = at - base >= 0 ? at - base : (at - base) & 0xffffffffL;
        int cp = at + 1;
        int rest = -1;
        boolean compressed = false;
        if ((i & POINTER) != POINTER) {
            rest = cp + i;
        }
        if (i == 0) {
            b.append('.');
            return rest;
        }
        int chars = 0;
        while (i != 0 && cp < end) {
            if ((i & POINTER) == POINTER) {
                if (!compressed) {
                    rest = cp + 1;
                    compressed = true;
                }
                int offset = ((i << 8) | (d[cp] & 0xff)) & 0x3fff;
                if (offset >= maxOffset) {
                    b.append("<BAD PTR>");
                    return -1;
                }
                maxOffset = offset;
                cp = base + offset;
                i = labelLength(b, d, cp, end);
                if (i < 0) {
                    return -1;
                }
                cp++;
                continue;
            }
            int shown = chars + i <= MAX_NAME ? i : Math.max(0, MAX_NAME - chars);
            if (shown > 0 && WireString.append(b, d, cp, shown, end)) {
                return -1;
            }
            chars += i;
            cp += i;
            if (chars <= MAX_NAME) {
                b.append('.');
            }
            chars++;
            i = labelLength(b, d, cp, end);
            if (i < 0) {
                return -1;
            }
            cp++;
            if (!compressed) {
                rest += i + 1;
            }
        }
        if (chars > MAX_NAME) {
            b.append("<DOMAIN NAME TOO LONG>");
        }
        return rest;
    }

    /**
     * tcpdump's labellen: the length byte of a label or the first byte of a pointer (both are the byte itself);
     * -1, after saying why, where the name cannot go on.
     */
    private static int labelLength(StringBuilder b, byte[] d, int at, int end) {
        if (at < 0 || at >= end) {
            return -1;
        }
        int i = d[at] & 0xff;
        switch (i & POINTER) {
            case EXTENDED -> {
                int element = i & ~POINTER;
                if (element != 1) {
                    b.append("<ELT ").append(element).append('>');
                    return -1;
                }
                return -1; // RFC 2673 bit-string labels: obsolete (RFC 6891), not printed
            }
            case RESERVED -> {
                b.append("<BAD LABEL TYPE>");
                return -1;
            }
            default -> {
                return i;
            }
        }
    }
}
