package dev.netkit.cli.render;

import java.util.List;

/**
 * What dig shows of a lookup: its display options ({@code +[no]cmd}, {@code +short}, {@code +qr}, ...) and its
 * banner.
 *
 * @param banner the words dig's banner shows for the lookup (the command line, or its batch file line), or null
 * @param bannerHead the first lookup's banner also says "; (N servers found)" when a server is given and the
 *                   global options
 * @param serversFound N of that line: the last @SERVER's addresses, as BIND dig counts them (0: no line)
 */
public record DigDisplay(boolean cmd, boolean comments, boolean question, boolean answer, boolean authority,
                         boolean additional, boolean stats, boolean showShort, boolean qr, boolean recursionWarning,
                         List<String> banner, boolean bannerHead, int serversFound) {

    /** dig's defaults, without a banner. */
    public static final DigDisplay DIG = new DigDisplay(true, true, true, true, true, true, true, false, false, true,
            null, false, 0);

    /** host -v's: dig's sections without the recursion warning. */
    public static final DigDisplay HOST_VERBOSE = new DigDisplay(true, true, true, true, true, true, true, false,
            false, false, null, false, 0);
}
