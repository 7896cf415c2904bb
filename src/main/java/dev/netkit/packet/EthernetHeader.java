package dev.netkit.packet;

import java.util.List;

/** The header of an Ethernet II frame (RFC 894) with its IEEE 802.1Q / 802.1ad tags, outermost tag first. */
public record EthernetHeader(MacAddress destination, MacAddress source, List<VlanTag> tags, EtherType etherType)
        implements Layer {

    public EthernetHeader {
        tags = List.copyOf(tags);
    }

    /** An untagged header. */
    public static EthernetHeader of(MacAddress destination, MacAddress source, EtherType etherType) {
        return new EthernetHeader(destination, source, List.of(), etherType);
    }

    public static EthernetHeader parse(EthernetFrame frame) {
        return new EthernetHeader(frame.destination(), frame.source(), frame.tags(), frame.etherType());
    }

    public int bufferLength() {
        return EthernetFrame.HEADER_LENGTH + tags.size() * EthernetFrame.TAG_LENGTH;
    }

    /** Writes the header at {@code offset}; returns the header length. */
    public int emit(byte[] buffer, int offset) {
        destination.write(buffer, offset + EthernetFrame.DESTINATION);
        source.write(buffer, offset + EthernetFrame.SOURCE);
        int at = offset + EthernetFrame.TYPE;
        for (VlanTag tag : tags) {
            NetworkOrder.put16(buffer, at, tag.tpid().value());
            NetworkOrder.put16(buffer, at + 2, tag.tci());
            at += EthernetFrame.TAG_LENGTH;
        }
        NetworkOrder.put16(buffer, at, etherType.value());
        return bufferLength();
    }

    @Override
    public String toString() {
        return source + " > " + destination + (tags.isEmpty() ? "" : " " + tags) + " ethertype " + etherType;
    }
}
