package dev.netkit.packet;

import java.util.ArrayList;
import java.util.List;

/** A view of an Ethernet II frame (RFC 894) with its IEEE 802.1Q / 802.1ad VLAN tags, FCS not included. */
public final class EthernetFrame extends PacketView {
    static final int DESTINATION = 0;
    static final int SOURCE = 6;
    static final int TYPE = 12;
    static final int HEADER_LENGTH = 14;
    static final int TAG_LENGTH = 4;
    /** The shortest frame on the wire without its FCS: shorter ones are padded (IEEE 802.3 clause 4.2.3.3). */
    public static final int MINIMUM_LENGTH = 60;

    private final int tagCount;

    private EthernetFrame(byte[] buffer, int offset, int length, int tagCount) {
        super(buffer, offset, length);
        this.tagCount = tagCount;
    }

    /** Checks that the header and every tag were captured. */
    public static EthernetFrame newChecked(byte[] buffer, int offset, int length) {
        require("Ethernet", "header length", HEADER_LENGTH, length);
        int tags = 0;
        int type = NetworkOrder.u16(buffer, offset + TYPE);
        while (isTag(type)) {
            tags++;
            require("Ethernet", "header length with " + tags + " VLAN tag" + (tags == 1 ? "" : "s"),
                    HEADER_LENGTH + tags * TAG_LENGTH, length);
            type = NetworkOrder.u16(buffer, offset + TYPE + tags * TAG_LENGTH);
        }
        return new EthernetFrame(buffer, offset, length, tags);
    }

    public static EthernetFrame newChecked(byte[] frame) {
        return newChecked(frame, 0, frame.length);
    }

    static boolean isTag(int type) {
        return type == 0x8100 || type == 0x88a8 || type == 0x9100;
    }

    public MacAddress destination() {
        return MacAddress.read(buffer, offset + DESTINATION);
    }

    public MacAddress source() {
        return MacAddress.read(buffer, offset + SOURCE);
    }

    public List<VlanTag> tags() {
        if (tagCount == 0) {
            return List.of();
        }
        List<VlanTag> tags = new ArrayList<>(tagCount);
        for (int i = 0; i < tagCount; i++) {
            int at = TYPE + i * TAG_LENGTH;
            tags.add(VlanTag.of(u16(at), u16(at + 2)));
        }
        return tags;
    }

    /** The type after the tags; values up to 1500 are IEEE 802.3 lengths, kept as UNKNOWN types. */
    public EtherType etherType() {
        return EtherType.valueOf(u16(TYPE + tagCount * TAG_LENGTH));
    }

    public int headerLength() {
        return HEADER_LENGTH + tagCount * TAG_LENGTH;
    }

    /** Where the payload starts in {@link #buffer()}. */
    public int payloadOffset() {
        return offset + headerLength();
    }

    public int payloadLength() {
        return length - headerLength();
    }
}
