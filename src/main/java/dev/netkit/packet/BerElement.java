package dev.netkit.packet;

/**
 * One BER element's identifier and length octets (ITU-T X.690 sections 8.1.2 and 8.1.3, the encoding of SNMP,
 * RFC 3417 section 8), read from a window that a length field declares and a capture that may end sooner. It
 * never reads past either: {@link #status()} says where the input ended when it ended inside the element.
 *
 * @param status        whether the identifier, length and content fit
 * @param tagClass      bits 8-7 of the identifier octet: 0 universal, 1 application, 2 context, 3 private
 * @param constructed   bit 6 of the identifier octet
 * @param tag           the tag number; a high tag number keeps its low 32 bits
 * @param headerLength  identifier and length octets read
 * @param lengthOctets  the long form's count of length octets (bits 7-1 of the first length octet), else 0
 * @param contentLength the content length; a long form of more than four octets keeps its low 32 bits
 */
public record BerElement(Status status, int tagClass, boolean constructed, int tag, int headerLength,
        int lengthOctets, long contentLength) {

    public static final int UNIVERSAL = 0;
    public static final int APPLICATION = 1;
    public static final int CONTEXT = 2;
    public static final int PRIVATE = 3;

    /** Where the input ended, if it ended inside the element. */
    public enum Status {
        /** The identifier and length octets were read and the content fits the declared window. */
        COMPLETE,
        /** The declared window is empty. */
        EMPTY,
        /** The declared window ends inside a high tag number. */
        TAG_CUT,
        /** The declared window ends before the length octets. */
        NO_LENGTH,
        /** The declared window ends inside the long form's length octets. */
        LENGTH_CUT,
        /** The content is longer than what is left of the declared window. */
        CONTENT_CUT,
        /** The capture ends inside the identifier octets or before the first length octet. */
        HEADER_NOT_CAPTURED,
        /** The capture ends inside the long form's length octets. */
        LENGTH_NOT_CAPTURED
    }

    /**
     * The element at {@code offset}: {@code declared} bytes from there belong to the enclosing structure and
     * the capture ends at {@code captureEnd} (exclusive).
     */
    public static BerElement parse(byte[] buffer, int offset, long declared, int captureEnd) {
        int end = Math.min(captureEnd, buffer.length);
        if (declared < 1) {
            return new BerElement(Status.EMPTY, 0, false, 0, 0, 0, 0);
        }
        if (offset >= end) {
            return new BerElement(Status.HEADER_NOT_CAPTURED, 0, false, 0, 0, 0, 0);
        }
        int first = buffer[offset] & 0xff;
        int tagClass = first >> 6;
        boolean constructed = (first & 0x20) != 0;
        int tag = first & 0x1f;
        int at = 1;
        if (tag == 0x1f) {
            // high tag number (8.1.2.4): base-128 octets, bit 8 set on all but the last
            tag = 0;
            while (true) {
                if (offset + at >= end) {
                    return new BerElement(Status.HEADER_NOT_CAPTURED, tagClass, constructed, tag, at, 0, 0);
                }
                int octet = buffer[offset + at] & 0xff;
                if (declared - at < 1) {
                    return new BerElement(Status.TAG_CUT, tagClass, constructed, tag, at, 0, 0);
                }
                tag = tag << 7 | octet & 0x7f;
                at++;
                if ((octet & 0x80) == 0) {
                    break;
                }
            }
        }
        if (declared - at < 1) {
            return new BerElement(Status.NO_LENGTH, tagClass, constructed, tag, at, 0, 0);
        }
        if (offset + at >= end) {
            return new BerElement(Status.HEADER_NOT_CAPTURED, tagClass, constructed, tag, at, 0, 0);
        }
        long length = buffer[offset + at] & 0xff;
        at++;
        int octets = 0;
        if (length >= 0x80) {
            // long form (8.1.3.5)
            octets = (int) (length & 0x7f);
            if (declared - at < octets) {
                return new BerElement(Status.LENGTH_CUT, tagClass, constructed, tag, at, octets, 0);
            }
            if (offset + at + octets > end) {
                return new BerElement(Status.LENGTH_NOT_CAPTURED, tagClass, constructed, tag, at, octets, 0);
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8 | buffer[offset + at++] & 0xff) & 0xffff_ffffL;
            }
        }
        Status status = declared - at < length ? Status.CONTENT_CUT : Status.COMPLETE;
        return new BerElement(status, tagClass, constructed, tag, at, octets, length);
    }

    /** The element's length with its identifier and length octets. */
    public long totalLength() {
        return headerLength + contentLength;
    }
}
