package dev.netkit.sniff.print;

/**
 * Names of the bits set in a flags field, as tcpdump's bittok2str prints them: each named bit (or mask) present,
 * in table order, joined by ", ", or a word for none. One table per field, made once.
 */
record BitNames(long[] masks, String[] names) {
    /** Alternating mask and name: {@code of(0x01, "Router", 0x02, "Bridge")}. */
    static BitNames of(Object... pairs) {
        long[] masks = new long[pairs.length / 2];
        String[] names = new String[pairs.length / 2];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = ((Number) pairs[2 * i]).longValue();
            names[i] = (String) pairs[2 * i + 1];
        }
        return new BitNames(masks, names);
    }

    StringBuilder append(StringBuilder b, long value, String none) {
        return append(b, value, none, ", ");
    }

    StringBuilder append(StringBuilder b, long value, String none, String separator) {
        boolean any = false;
        for (int i = 0; i < masks.length; i++) {
            if ((value & masks[i]) == masks[i]) {
                b.append(any ? separator : "").append(names[i]);
                any = true;
            }
        }
        return any ? b : b.append(none);
    }
}
