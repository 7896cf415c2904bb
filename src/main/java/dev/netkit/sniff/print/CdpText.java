package dev.netkit.sniff.print;

import dev.netkit.packet.CdpMessage;
import dev.netkit.packet.CdpTlv;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;

/**
 * tcpdump's CDP text (print-cdp.c, Cisco Discovery Protocol over SNAP): version, TTL and the device id; with -v the
 * checksum and one line per TLV, decoded where tcpdump decodes it and in hex otherwise. A wrong length is
 * {@code (invalid)}; a capture that ends inside the message ends the text with {@code [|cdp]}.
 */
final class CdpText {
    /** The SNAP protocol id of CDP under Cisco's OUI. */
    static final int PID = CdpMessage.SNAP_PID;
    private static final BitNames CAPABILITIES = BitNames.of(1, "Router", 2, "Transparent Bridge",
            4, "Source Route Bridge", 8, "L2 Switch", 0x10, "L3 capable", 0x20, "IGMP snooping", 0x40, "L1 capable");
    /** Names by type; null where tcpdump knows none. */
    private static final String[] NAMES = {null, "Device-ID", "Address", "Port-ID", "Capability", "Version String",
            "Platform", "Prefixes", "Protocol-Hello option", "VTP Management Domain", "Native VLAN ID", "Duplex",
            null, null, "ATA-186 VoIP VLAN assignment", "ATA-186 VoIP VLAN request", "power consumption", "MTU",
            "AVVID trust bitmap", "AVVID untrusted ports CoS", "System Name", "System Object ID (not decoded)",
            "Management Addresses", "Physical Location"};
    /** The shortest and longest value of each type tcpdump checks (-1: any). */
    private static final int[] MIN = {-1, -1, -1, -1, 4, -1, -1, -1, -1, -1, 2, 1, -1, -1, 3, 2, 1, 4, 1, 1, -1, -1,
            4, 1};
    private static final int[] MAX = {-1, -1, -1, -1, 4, -1, -1, -1, -1, -1, 2, 1, -1, -1, 3, 3, 3, 4, 1, 1, -1, -1,
            -1, -1};

    private CdpText() {
    }

    /** The CDP message at {@code [off, end)} of the frame; {@code length} is what the 802.3 length leaves it. */
    static void print(StringBuilder b, byte[] d, int off, int end, int length, int verbose) {
        try {
            body(b, new CdpMessage(d, off, end), length, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|cdp]");
        }
    }

    private static void body(StringBuilder b, CdpMessage m, int length, int verbose) {
        if (length < CdpMessage.HEADER_LENGTH) {
            b.append(" (packet length ").append(length).append(" < 4)");
            invalid(b, m, 0, length);
            return;
        }
        b.append("CDPv").append(m.version()).append(", ttl: ").append(m.ttl()).append('s');
        int checksum = m.checksum();
        if (verbose > 0) {
            b.append(String.format(", checksum: 0x%04x (unverified), length %d", checksum, length));
        }
        int at = CdpMessage.HEADER_LENGTH;
        int left = length - CdpMessage.HEADER_LENGTH;
        while (left > 0) {
            if (left < CdpTlv.HEADER_LENGTH) {
                b.append(" (remaining packet length ").append(left).append(" < 4)");
                invalid(b, m, at, left);
                return;
            }
            CdpTlv tlv = m.tlv(at);
            int type = tlv.type();
            int len = tlv.length();
            String name = type < NAMES.length && NAMES[type] != null ? NAMES[type] : "unknown field type";
            // a type inside tcpdump's table without an entry is neither named nor dumped
            boolean known = type < NAMES.length;
            boolean always = type == CdpTlv.TYPE_DEVICE_ID;
            if (len < CdpTlv.HEADER_LENGTH) {
                if (verbose > 0) {
                    b.append("\n\t").append(name).append(String.format(" (0x%02x), TLV length: %d byte%s (too short)",
                            type, len, len == 1 ? "" : "s"));
                } else {
                    b.append(", ").append(name).append(" TLV length ").append(len).append(" too short");
                }
                invalid(b, m, at, left);
                return;
            }
            if (len > left) {
                b.append(" (TLV length ").append(len).append(" > ").append(left).append(')');
                invalid(b, m, at, left);
                return;
            }
            at += CdpTlv.HEADER_LENGTH;
            left -= CdpTlv.HEADER_LENGTH;
            len -= CdpTlv.HEADER_LENGTH;
            if (verbose > 0) {
                b.append("\n\t").append(name).append(String.format(" (0x%02x), value length: %d byte%s: ", type, len,
                        len == 1 ? "" : "s"));
            } else if (always) {
                b.append(", ").append(name).append(' ');
            }
            boolean covered = false;
            if (known) {
                if (MIN[type] > 0 && len < MIN[type] || MAX[type] > 0 && len > MAX[type]) {
                    b.append(" (malformed TLV)");
                } else if (verbose > 0 || always) {
                    value(b, tlv);
                    covered = true;
                }
            }
            if (verbose > 0 && !covered) {
                tlv.needValue();
                HexDump.hex(b, "\n\t  ", tlv.value().buffer(), tlv.value().offset(), len);
            }
            at += len;
            left -= len;
        }
        if (verbose < 1) {
            b.append(", length ").append(length);
        }
    }

    private static void invalid(StringBuilder b, CdpMessage m, int at, int left) {
        b.append(" (invalid)");
        m.need(at, left);
    }

    private static void value(StringBuilder b, CdpTlv tlv) {
        MessageBytes v = tlv.value();
        int len = tlv.valueLength();
        switch (tlv.type()) {
            case CdpTlv.TYPE_DEVICE_ID, CdpTlv.TYPE_PORT_ID, CdpTlv.TYPE_PLATFORM, CdpTlv.TYPE_VTP_DOMAIN,
                    CdpTlv.TYPE_SYSTEM_NAME -> {
                b.append('\'');
                if (WireString.append(b, v.buffer(), v.offset(), len, v.offset() + v.length())) {
                    tlv.needValue(); // the characters before the cut are printed, as tcpdump does
                }
                b.append('\'');
            }
            case CdpTlv.TYPE_ADDRESS, CdpTlv.TYPE_MANAGEMENT_ADDRESSES -> CdpAddressText.addresses(b, tlv, len);
            case CdpTlv.TYPE_CAPABILITIES -> {
                long c = tlv.capabilities();
                CAPABILITIES.append(b.append(String.format("(0x%08x): ", c)), c, "none");
            }
            case CdpTlv.TYPE_VERSION -> {
                b.append("\n\t  ");
                for (int i = 0; i < len; i++) {
                    int c = v.byteAt(i);
                    if (c == '\n') {
                        b.append("\n\t  ");
                    } else {
                        WireString.character(b, c);
                    }
                }
            }
            case CdpTlv.TYPE_PREFIXES -> CdpAddressText.prefixes(b, tlv, len);
            case CdpTlv.TYPE_NATIVE_VLAN -> b.append(tlv.nativeVlan());
            case CdpTlv.TYPE_DUPLEX -> b.append(tlv.duplex() != 0 ? "full" : "half");
            case CdpTlv.TYPE_VOIP_VLAN_REPLY, CdpTlv.TYPE_VOIP_VLAN_QUERY -> b.append(len == 2
                    ? String.format("unknown 0x%04x", tlv.voipUnknown())
                    : "app " + tlv.voipApplication() + ", vlan " + tlv.voipVlan());
            case CdpTlv.TYPE_POWER -> b.append(String.format("%1.2fW", tlv.powerMilliwatts() / 1000.0));
            case CdpTlv.TYPE_MTU -> b.append(tlv.mtu()).append(" bytes");
            case CdpTlv.TYPE_TRUST_BITMAP, CdpTlv.TYPE_UNTRUSTED_COS -> b.append(String.format("0x%02x", tlv.trust()));
            case CdpTlv.TYPE_PHYSICAL_LOCATION -> {
                b.append(String.format("0x%02x", tlv.locationType()));
                if (len > CdpTlv.LOCATION) {
                    byte[] location = v.bytesAt(CdpTlv.LOCATION, len - CdpTlv.LOCATION);
                    WireString.append(b.append('/'), location, 0, location.length, location.length);
                }
            }
            default -> tlv.needValue(); // the hello option, the object id and the unnamed: not decoded
        }
    }
}
