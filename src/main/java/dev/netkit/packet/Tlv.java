package dev.netkit.packet;

/**
 * What every type-length-value field of LLDP (IEEE 802.1AB clause 8.4) and CDP has: its type, the length its
 * header declares for the value, and the value's captured bytes. Reads past the capture throw
 * {@link MalformedPacketException#truncated}.
 */
public abstract sealed class Tlv permits LldpTlv, CdpTlv {
    private final int type;
    private final int valueLength;
    /** The value as far as it was captured; offsets of the value's fields are relative to its start. */
    protected final MessageBytes value;

    Tlv(int type, int valueLength, MessageBytes value) {
        this.type = type;
        this.valueLength = valueLength;
        this.value = value;
    }

    public int type() {
        return type;
    }

    /** The value's length the header declares. */
    public int valueLength() {
        return valueLength;
    }

    /** The value's captured bytes, for strings and a hex dump of what is not decoded. */
    public MessageBytes value() {
        return value;
    }

    /** Throws a truncation error unless the whole value was captured. */
    public void needValue() {
        value.need(0, valueLength);
    }
}
