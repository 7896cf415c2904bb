package dev.netkit.cli;

import dev.netkit.cli.render.DigDisplay;
import dev.netkit.dns.QueryOptions;

import java.util.ArrayList;
import java.util.List;

/** One lookup on a dig command line: what to ask, where, how, and what to show. Mutable while parsing. */
final class DigRequest implements Cloneable {
    String name;
    String type;
    String dclass;
    boolean typeGiven;
    boolean classGiven;
    String reverse;
    List<String> servers = new ArrayList<>();
    /** An @server was given for this lookup (further ones add to the list, as dig keeps them all). */
    boolean serversGiven;
    int port = 53;
    boolean portGiven;
    QueryOptions options = QueryOptions.DIG;
    boolean ipv4;
    boolean ipv6;
    boolean search;
    // display flags, dig's defaults
    boolean cmd = true;
    boolean comments = true;
    boolean question = true;
    boolean answer = true;
    boolean authority = true;
    boolean additional = true;
    boolean stats = true;
    boolean showShort;
    boolean qr;
    boolean recursionWarning = true;
    /** The words dig's banner shows for this lookup (the command line, or its batch file line), or null. */
    List<String> banner;
    /**
     * The first lookup's banner also says "; (N servers found)" when a server is given (N: the last @SERVER's
     * addresses, as BIND dig counts them) and the global options.
     */
    boolean bannerHead;
    int serversFound;
    // what netkit adds
    boolean trace;
    String rootHints;
    boolean validate;
    String trustAnchor;
    boolean tls;
    String tlsName;
    String tlsCa;
    String https;
    /** TSIG: {@code -y [hmac:]name:secret}, or {@code -k FILE} (a BIND key file). */
    String tsig;
    String tsigFile;

    /** What dig shows of this lookup, for its renderer. */
    DigDisplay display() {
        return new DigDisplay(cmd, comments, question, answer, authority, additional, stats, showShort, qr,
                recursionWarning, banner, bannerHead, serversFound);
    }

    @Override
    public DigRequest clone() {
        try {
            DigRequest c = (DigRequest) super.clone();
            c.servers = new ArrayList<>(servers);
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
