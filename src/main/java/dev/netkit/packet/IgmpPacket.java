package dev.netkit.packet;

/** A view of an IGMP message (RFC 2236 section 2, RFC 3376 section 4): type, max response code, checksum, group. */
public final class IgmpPacket extends PacketView {
    static final int TYPE = 0;
    static final int MAX_RESPONSE = 1;
    static final int CHECKSUM = 2;
    static final int GROUP = 4;
    /** Version 3 query: S flag and QRV, QQIC, number of sources, then the sources. */
    static final int QUERY_FLAGS = 8;
    static final int QUERY_INTERVAL = 9;
    static final int QUERY_SOURCES = 10;
    static final int QUERY_SOURCE_LIST = 12;
    /** Version 3 report: reserved, number of group records, then the records. */
    static final int REPORT_RECORDS = 6;
    static final int REPORT_RECORD_LIST = 8;
    static final int HEADER_LENGTH = 8;
    /** A query of 12 bytes or more is a version 3 query (RFC 3376 section 7.1). */
    static final int V3_QUERY_LENGTH = 12;

    private IgmpPacket(byte[] buffer, int offset, int length) {
        super(buffer, offset, length);
    }

    public static IgmpPacket newChecked(byte[] buffer, int offset, int length) {
        require("IGMP", "header length", HEADER_LENGTH, length);
        return new IgmpPacket(buffer, offset, length);
    }

    public static IgmpPacket newChecked(byte[] message) {
        return newChecked(message, 0, message.length);
    }

    public IgmpType type() {
        return IgmpType.valueOf(u8(TYPE));
    }

    /** Max response time (v2, tenths of a second) or code (v3); 0 in a version 1 query. */
    public int maxResponseCode() {
        return u8(MAX_RESPONSE);
    }

    public int checksum() {
        return u16(CHECKSUM);
    }

    /** True when the checksum over the captured message is right (false if the capture was cut). */
    public boolean checksumValid() {
        return Checksum.verify(buffer, offset, length, 0);
    }
}
