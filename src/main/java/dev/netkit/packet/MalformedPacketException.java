package dev.netkit.packet;

/**
 * The one exception every parser in this package throws for bad input (RFC 1122 section 1.2.2: be
 * liberal in what you accept, but never crash on it). The message says which protocol, which field and
 * what was wrong, e.g. {@code IPv4: header length 24 exceeds the 20 bytes captured}.
 */
public final class MalformedPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String protocol;
    private final boolean truncated;

    /** A field whose value is wrong; {@code detail} names the field and the value. */
    public MalformedPacketException(String protocol, String detail) {
        this(protocol, detail, false);
    }

    private MalformedPacketException(String protocol, String detail, boolean truncated) {
        // No stack trace: hostile captures raise these by the thousand and the message says it all.
        super(protocol + ": " + detail, null, false, false);
        this.protocol = protocol;
        this.truncated = truncated;
    }

    /** The capture ended before a field did: "{@code IPv4: header length 24 exceeds the 20 bytes captured}". */
    public static MalformedPacketException truncated(String protocol, String field, int needed, int captured) {
        return new MalformedPacketException(protocol,
                field + " " + needed + " exceeds the " + captured + " byte" + (captured == 1 ? "" : "s") + " captured",
                true);
    }

    /** The protocol whose parser rejected the input, as named in the message ("IPv4", "TCP", ...). */
    public String protocol() {
        return protocol;
    }

    /** True when the input was cut short (the capture's snap length), false when a field was wrong. */
    public boolean isTruncation() {
        return truncated;
    }
}
