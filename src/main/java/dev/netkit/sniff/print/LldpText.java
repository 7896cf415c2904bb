package dev.netkit.sniff.print;

import dev.netkit.packet.LldpPdu;
import dev.netkit.packet.LldpTlv;
import dev.netkit.packet.MalformedPacketException;

/**
 * tcpdump's LLDP text (print-lldp.c, IEEE 802.1AB): {@code LLDP, length N}, the system name even without -v; with -v
 * one line per TLV and its decoded value (chassis and port ids, TTL, capabilities, management addresses, the IEEE
 * 802.1 and 802.3 organization TLVs and IANA's MUD URL); with -vv every TLV's bytes in hex too. A TLV the capture
 * cut short ends the text with {@code [|lldp]}.
 */
final class LldpText {
    static final int ETHERTYPE = LldpPdu.ETHERTYPE;
    private static final String[] TLVS = {"End", "Chassis ID", "Port ID", "Time to Live", "Port Description",
            "System Name", "System Description", "System Capabilities", "Management Address"};
    private static final String[] CHASSIS_SUBTYPES = {null, "Chassis component", "Interface alias",
            "Port component", "MAC address", "Network address", "Interface name", "Local"};
    private static final String[] PORT_SUBTYPES = {null, "Interface alias", "Port component", "MAC address",
            "Network Address", "Interface Name", "Agent circuit ID", "Local"};
    private static final BitNames CAPABILITIES = BitNames.of(1, "Other", 2, "Repeater", 4, "Bridge", 8, "WLAN AP",
            0x10, "Router", 0x20, "Telephone", 0x40, "Docsis", 0x80, "Station Only");
    private static final BitNames SUPPORTED_ENABLED = BitNames.of(1, "supported", 2, "enabled");
    private static final BitNames PROTOCOL_VLAN = BitNames.of(2, "supported", 4, "enabled");
    private static final BitNames PMD = BitNames.of(1 << 14, "10BASE-T hdx", 1 << 13, "10BASE-T fdx",
            1 << 12, "100BASE-T4", 1 << 11, "100BASE-TX hdx", 1 << 10, "100BASE-TX fdx", 1 << 9, "100BASE-T2 hdx",
            1 << 8, "100BASE-T2 fdx", 1 << 7, "Pause for fdx links", 1 << 6, "Asym PAUSE for fdx",
            1 << 5, "Sym PAUSE for fdx", 1 << 4, "Asym and Sym PAUSE for fdx", 1 << 3, "1000BASE-{X LX SX CX} hdx",
            1 << 2, "1000BASE-{X LX SX CX} fdx", 1 << 1, "1000BASE-T hdx", 1, "1000BASE-T fdx");
    private static final BitNames MDI = BitNames.of(1, "PSE", 2, "supported", 4, "enabled", 8, "can be controlled");
    private static final String[] MAU_TYPES = {"Unknown", "AUI", "10BASE_5", "FOIRL", "10BASE2",
            "10BASET duplex mode unknown", "10BASEFP", "10BASEFB", "10BASEFL duplex mode unknown", "10BROAD36",
            "10BASET hdx", "10BASET fdx", "10BASEFL hdx", "10BASEFL fdx", "100BASET4", "100BASETX hdx",
            "100BASETX fdx", "100BASEFX hdx", "100BASEFX fdx", "100BASET2 hdx", "100BASET2 fdx", "1000BASEX hdx",
            "1000BASEX fdx", "1000BASELX hdx", "1000BASELX fdx", "1000BASESX hdx", "1000BASESX fdx",
            "1000BASECX hdx", "1000BASECX fdx", "1000BASET hdx", "1000BASET fdx", "10GBASEX", "10GBASELX4",
            "10GBASER", "10GBASEER", "10GBASELR", "10GBASESR", "10GBASEW", "10GBASEEW", "10GBASELW", "10GBASESW"};
    private static final String[] SUBTYPES_8021 = {null, "Port VLAN Id", "Port and Protocol VLAN ID", "VLAN name",
            "Protocol Identity", null, null, "Link aggregation", "Congestion Notification", "ETS Configuration",
            "ETS Recommendation", "Priority Flow Control Configuration", "Application Priority", "EVB", "CDCP"};
    private static final String[] SUBTYPES_8023 = {null, "MAC/PHY configuration/status", "Power via MDI",
            "Link aggregation", "Max frame size"};

    private LldpText() {
    }

    /** The LLDPDU at {@code off} of the frame; {@code length} is what the frame's length leaves for it. */
    static void print(StringBuilder b, byte[] d, int off, int length, int verbose) {
        LldpPdu pdu = new LldpPdu(d, off, d.length);
        b.append("LLDP, length ").append(length);
        try {
            tlvs(b, pdu, length, verbose);
        } catch (MalformedPacketException e) {
            b.append(" [|lldp]");
        }
    }

    private static void tlvs(StringBuilder b, LldpPdu pdu, int length, int verbose) {
        int at = 0;
        int left = length;
        while (left >= LldpTlv.HEADER_LENGTH) {
            LldpTlv tlv = pdu.tlv(at);
            int type = tlv.type();
            int len = tlv.valueLength();
            at += LldpTlv.HEADER_LENGTH;
            left -= LldpTlv.HEADER_LENGTH;
            if (verbose > 0) {
                b.append("\n\t").append(type < TLVS.length ? TLVS[type]
                        : type == LldpTlv.TYPE_ORGANIZATION ? "Organization specific" : "Unknown")
                        .append(" TLV (").append(type).append("), length ").append(len);
            }
            if (type == LldpTlv.TYPE_END || len == 0) {
                break; // tcpdump's guard against a TLV that never ends
            }
            tlv.needValue();
            if (left < len) {
                throw cut();
            }
            boolean hexdump = tlv(b, tlv, verbose);
            if (verbose > 1 || verbose > 0 && hexdump) {
                HexDump.hex(b, "\n\t  ", tlv.value().buffer(), tlv.value().offset(), len);
            }
            at += len;
            left -= len;
        }
    }

    /** One TLV's value; true when tcpdump dumps it in hex because it does not decode it. */
    private static boolean tlv(StringBuilder b, LldpTlv tlv, int verbose) {
        int type = tlv.type();
        int len = tlv.valueLength();
        if (type == LldpTlv.TYPE_SYSTEM_NAME) {
            // the system name is printed without -v too, as the CDP printer prints the device id
            string(b.append(": "), tlv.value().bytesAt(0, len));
            return false;
        }
        if (verbose == 0) {
            return type > LldpTlv.TYPE_MANAGEMENT_ADDRESS && type != LldpTlv.TYPE_ORGANIZATION;
        }
        switch (type) {
            case LldpTlv.TYPE_CHASSIS_ID, LldpTlv.TYPE_PORT_ID -> {
                return identifier(b, tlv, type == LldpTlv.TYPE_CHASSIS_ID);
            }
            case LldpTlv.TYPE_TTL -> {
                if (len < 2) {
                    throw cut();
                }
                b.append(": TTL ").append(tlv.ttl()).append('s');
            }
            case LldpTlv.TYPE_PORT_DESCRIPTION -> string(b.append(": "), tlv.value().bytesAt(0, len));
            case LldpTlv.TYPE_SYSTEM_DESCRIPTION -> string(b.append("\n\t  "), tlv.value().bytesAt(0, len));
            case LldpTlv.TYPE_SYSTEM_CAPABILITIES -> {
                if (len < 4) {
                    throw cut();
                }
                int cap = tlv.systemCapabilities();
                int enabled = tlv.enabledCapabilities();
                CAPABILITIES.append(b.append("\n\t  System  Capabilities ["), cap, "none")
                        .append(String.format("] (0x%04x)", cap));
                CAPABILITIES.append(b.append("\n\t  Enabled Capabilities ["), enabled, "none")
                        .append(String.format("] (0x%04x)", enabled));
            }
            case LldpTlv.TYPE_MANAGEMENT_ADDRESS -> managementAddress(b, tlv);
            case LldpTlv.TYPE_ORGANIZATION -> {
                return organization(b, tlv);
            }
            default -> {
                return true;
            }
        }
        return false;
    }

    private static boolean identifier(StringBuilder b, LldpTlv tlv, boolean chassis) {
        int len = tlv.valueLength();
        if (len < 2) {
            throw cut();
        }
        int subtype = tlv.idSubtype();
        String[] names = chassis ? CHASSIS_SUBTYPES : PORT_SUBTYPES;
        b.append("\n\t  Subtype ").append(subtype > 0 && subtype < names.length ? names[subtype] : "Unknown")
                .append(" (").append(subtype).append("): ");
        int mac = chassis ? 4 : 3;
        int network = chassis ? 5 : 4;
        if (subtype == mac) {
            if (len < LldpTlv.ID + 6) {
                throw cut();
            }
            AddressText.mac(b, tlv.idMac());
        } else if (subtype == network) {
            if (!networkAddress(b, tlv, LldpTlv.ID, len - LldpTlv.ID)) {
                throw cut();
            }
        } else if (subtype >= 1 && subtype <= 7) {
            string(b, tlv.value().bytesAt(LldpTlv.ID, len - LldpTlv.ID));
        } else {
            return true;
        }
        return false;
    }

    /** The family number and address at {@code at} of the value, {@code len} bytes; false when too short. */
    private static boolean networkAddress(StringBuilder b, LldpTlv tlv, int at, int len) {
        if (len < 1) {
            return false;
        }
        int af = tlv.addressFamily(at);
        int need = af == LldpTlv.FAMILY_IPV4 ? 4 : af == LldpTlv.FAMILY_IPV6 ? 16 : af == LldpTlv.FAMILY_802 ? 6 : -1;
        if (len - 1 < need) {
            return false;
        }
        b.append("AFI ").append(familyName(af)).append(" (").append(af).append(')');
        switch (af) {
            case LldpTlv.FAMILY_IPV4 -> AddressText.ipv4(b.append(": "), tlv.address(at, 4), 0);
            case LldpTlv.FAMILY_IPV6 -> AddressText.ipv6(b.append(": "), tlv.address(at, 16), 0);
            case LldpTlv.FAMILY_802 -> AddressText.mac(b.append(": "), tlv.address(at, 6));
            default -> b.append(", no AF printer !");
        }
        return true;
    }

    private static String familyName(int af) {
        String[] names = {"Reserved", "IPv4", "IPv6", "NSAP", "HDLC", "BBN 1822", "802", "E.163", "E.164", "F.69",
                "X.121", "Novell IPX", "Appletalk", "Decnet IV", "Banyan Vines", "E.164 with NSAP subaddress"};
        return af < names.length ? names[af] : af == 25 ? "Layer-2 VPN" : af == 65 ? "VPLS" : "Unknown";
    }

    private static void managementAddress(StringBuilder b, LldpTlv tlv) {
        int len = tlv.valueLength();
        if (len < 1) {
            throw cut();
        }
        int addressLength = tlv.managementAddressLength();
        if (len - 1 < addressLength) {
            throw cut();
        }
        StringBuilder address = new StringBuilder();
        if (!networkAddress(address, tlv, LldpTlv.MANAGEMENT_ADDRESS, addressLength)) {
            throw cut();
        }
        b.append("\n\t  Management Address length ").append(addressLength).append(", ").append(address);
        int left = len - LldpTlv.interfaceNumbering(addressLength);
        if (left < 5) {
            throw cut();
        }
        int numbering = tlv.interfaceNumberingSubtype(addressLength);
        b.append("\n\t  ").append(numbering == 2 ? "Interface Index" : numbering == 3 ? "System Port Number"
                : "Unknown").append(" Interface Numbering (").append(numbering).append("): ")
                .append(tlv.interfaceNumber(addressLength));
        left -= 5;
        if (left > 0) {
            int oid = tlv.oidLength(addressLength);
            if (left < 1 + oid) {
                throw cut();
            }
            if (oid > 0) {
                b.append("\n\t  OID length ").append(oid);
                string(b, tlv.oidBytes(addressLength, oid));
            }
        }
    }

    private static boolean organization(StringBuilder b, LldpTlv tlv) {
        if (tlv.valueLength() < 3) {
            throw cut();
        }
        int oui = tlv.oui();
        Oui.append(b.append(": OUI "), oui);
        return switch (oui) {
            case Oui.IEEE_8021 -> LldpOrganizationText.ieee8021(b, tlv);
            case Oui.IEEE_8023 -> ieee8023(b, tlv);
            case Oui.IANA -> iana(b, tlv);
            default -> true;
        };
    }

    private static boolean ieee8023(StringBuilder b, LldpTlv tlv) {
        int len = tlv.valueLength();
        if (len < 4) {
            return false;
        }
        int subtype = subtype(b, tlv, SUBTYPES_8023);
        switch (subtype) {
            case 1 -> {
                if (len < 9) {
                    return false;
                }
                int auto = tlv.autonegotiation();
                int pmd = tlv.pmdCapability();
                int mau = tlv.mauType();
                SUPPORTED_ENABLED.append(b.append("\n\t    autonegotiation ["), auto, "none")
                        .append(String.format("] (0x%02x)", auto));
                PMD.append(b.append("\n\t    PMD autoneg capability ["), pmd, "unknown")
                        .append(String.format("] (0x%04x)", pmd));
                b.append("\n\t    MAU type ").append(mau < MAU_TYPES.length ? MAU_TYPES[mau] : "unknown")
                        .append(String.format(" (0x%04x)", mau));
            }
            case 2 -> {
                if (len < 7) {
                    return false;
                }
                int pairs = tlv.psePowerPair();
                int power = tlv.powerClass();
                MDI.append(b.append("\n\t    MDI power support ["), tlv.mdiPowerSupport(), "none")
                        .append("], power pair ").append(pairs == 1 ? "signal" : pairs == 2 ? "spare" : "unknown")
                        .append(", power class ").append(power >= 1 && power <= 5 ? "class" + (power - 1)
                                : "unknown");
            }
            case 3 -> {
                if (len < 9) {
                    return false;
                }
                aggregation(b, tlv);
            }
            case 4 -> {
                if (len < 6) {
                    return false;
                }
                b.append("\n\t    MTU size ").append(tlv.maxFrameSize());
            }
            default -> {
                return true;
            }
        }
        return false;
    }

    /** Link aggregation, in both the 802.1 and the 802.3 organization TLV. */
    static void aggregation(StringBuilder b, LldpTlv tlv) {
        SUPPORTED_ENABLED.append(b.append("\n\t    aggregation status ["), tlv.aggregationStatus(), "none")
                .append("], aggregation port ID ").append(tlv.aggregationPortId());
    }

    /** The port and protocol VLAN flags of the 802.1 organization TLV. */
    static void protocolVlanFlags(StringBuilder b, int flags) {
        PROTOCOL_VLAN.append(b, flags, "none");
    }

    /** {@code \n\t  NAME Subtype (N)}: the organization TLV's subtype, which it returns. */
    static int subtype(StringBuilder b, LldpTlv tlv, String[] names) {
        int subtype = tlv.organizationSubtype();
        b.append("\n\t  ").append(subtype < names.length && names[subtype] != null ? names[subtype] : "unknown")
                .append(" Subtype (").append(subtype).append(')');
        return subtype;
    }

    static int subtype8021(StringBuilder b, LldpTlv tlv) {
        return subtype(b, tlv, SUBTYPES_8021);
    }

    private static boolean iana(StringBuilder b, LldpTlv tlv) {
        if (tlv.valueLength() < 8) {
            return false;
        }
        int subtype = subtype(b, tlv, new String[] {null, "MUD-URL"});
        if (subtype != 1) {
            return true;
        }
        byte[] url = tlv.mudUrl();
        WireString.append(b.append("\n\t  MUD-URL="), url, 0, url.length, url.length);
        return false;
    }

    /** tcpdump's nd_printjnp: the bytes up to the first NUL, escaped. */
    static void string(StringBuilder b, byte[] s) {
        WireString.appendUntilNul(b, s, 0, s.length, s.length);
    }

    /** A TLV shorter than its value needs: tcpdump ends the packet as if the capture ended there. */
    static MalformedPacketException cut() {
        return MalformedPacketException.truncated("lldp", "TLV value", 1, 0);
    }
}
