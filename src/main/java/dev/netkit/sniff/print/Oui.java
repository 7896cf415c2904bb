package dev.netkit.sniff.print;

/** Organizationally unique identifiers by the names tcpdump gives them (oui.c), for SNAP and LLDP. */
final class Oui {
    static final int CISCO = 0x00000c;
    static final int IANA = 0x00005e;
    static final int IEEE_8021 = 0x0080c2;
    static final int IEEE_8023 = 0x00120f;
    static final int TIA = 0x0012bb;
    static final int DCBX = 0x001b21;

    private Oui() {
    }

    static String name(int oui) {
        return switch (oui) {
            case 0x000000 -> "Ethernet";
            case CISCO -> "Cisco";
            case IANA -> "IANA";
            case 0x000081 -> "Nortel Networks SONMP";
            case 0x0000f8 -> "Cisco bridged";
            // RFC 2684 bridged Ethernet and IEEE 802.1 share 00-80-c2: tcpdump's table names the first
            case IEEE_8021 -> "Ethernet bridged";
            case 0x00a03e -> "ATM Forum";
            case 0x00e02f -> "DOCSIS Spanning Tree";
            case 0x080007 -> "Appletalk";
            case 0x009069 -> "Juniper";
            case 0x080009 -> "Hewlett-Packard";
            case IEEE_8023 -> "IEEE 802.3 Private";
            case TIA -> "ANSI/TIA";
            case DCBX -> "DCBX";
            case 0x002320 -> "Nicira Networks";
            case 0x5c16c7 -> "Big Switch Networks";
            case 0xb0d2f5 -> "Vello Systems";
            case 0x002481 -> "HP";
            case 0x0004ea -> "HP-Labs";
            case 0x748771 -> "Infoblox Inc";
            case 0xa42305 -> "Open Networking Lab";
            case 0x00049f -> "Freescale";
            case 0x0015ad -> "Netronome";
            case 0x001018 -> "Broadcom";
            case 0x00e004 -> "PMC-Sierra";
            case 0xd0f0db -> "Ericsson";
            default -> "Unknown";
        };
    }

    /** {@code OUI Cisco (0x00000c)}'s name and number part: {@code Cisco (0x00000c)}. */
    static StringBuilder append(StringBuilder b, int oui) {
        return b.append(name(oui)).append(String.format(" (0x%06x)", oui));
    }
}
