package dev.netkit.sniff.print;

/**
 * tcpdump's display options as {@code sniff} takes them (tcpdump's netdissect_options flags), plus netkit's
 * field view. {@code verbose} is tcpdump's -v count (0 to 3): every printer reads it as tcpdump's ndo_vflag.
 *
 * @param link       -e: the link-level header
 * @param verbose    -v, -vv, -vvv: 1, 2, 3
 * @param numeric    -n: no port names
 * @param timeMode   how many -t were given (0 = the default clock time)
 * @param nanos      --nano: nine fraction digits
 * @param hex        -x, -xx: 1, 2
 * @param hexAscii   -X, -XX: 1, 2
 * @param ascii      -A, -AA: 1, 2
 * @param quiet      -q: tcpdump's short protocol text (tcp N, UDP, length N)
 * @param absolute   -S: absolute TCP sequence numbers
 * @param numbered   -#: each packet's first line starts with its number
 * @param fields     --fields: netkit's field view (offset, bits, meaning) under each packet
 */
public record PrintOptions(boolean link, int verbose, boolean numeric, int timeMode, boolean nanos, int hex,
        int hexAscii, int ascii, boolean quiet, boolean absolute, boolean numbered, boolean fields) {

    /** The options of the older constructors: no -q, -S, -# or field view. */
    static PrintOptions of(boolean link, int verbose, boolean numeric, int timeMode, boolean nanos, int hex,
            int hexAscii, boolean ascii) {
        return new PrintOptions(link, verbose, numeric, timeMode, nanos, hex, hexAscii, ascii ? 1 : 0, false, false, false,
                false);
    }
}
