package dev.netkit.sniff.print;

import dev.netkit.packet.LldpTlv;

/**
 * tcpdump's text for LLDP's IEEE 802.1 organization TLVs (print-lldp.c, IEEE 802.1Q annex D): VLAN ids and names,
 * link aggregation, and the data centre bridging ones (congestion notification, ETS, PFC, application priority,
 * EVB, CDCP). Each returns true when tcpdump dumps the value in hex instead.
 */
final class LldpOrganizationText {
    private static final String[] EVB_MODES = {"Not Supported", "EVB Bridge", "EVB Station",
            "Reserved for future Standardization"};

    private LldpOrganizationText() {
    }

    /** The TLV's value at {@code at} (its OUI first), {@code len} bytes. */
    static boolean ieee8021(StringBuilder b, LldpTlv tlv) {
        int len = tlv.valueLength();
        if (len < 4) {
            return false;
        }
        switch (LldpText.subtype8021(b, tlv)) {
            case 1 -> {
                if (len < 6) {
                    return false;
                }
                b.append("\n\t    port vlan id (PVID): ").append(tlv.portVlanId());
            }
            case 2 -> {
                if (len < 7) {
                    return false;
                }
                int flags = tlv.protocolVlanFlags();
                b.append("\n\t    port and protocol vlan id (PPVID): ").append(tlv.protocolVlanId()).append(", flags [");
                LldpText.protocolVlanFlags(b, flags);
                b.append(String.format("] (0x%02x)", flags));
            }
            case 3 -> {
                if (len < 6) {
                    return false;
                }
                b.append("\n\t    vlan id (VID): ").append(tlv.vlanId());
                if (len < LldpTlv.VLAN_NAME || len < LldpTlv.VLAN_NAME + tlv.vlanNameLength()) {
                    return false;
                }
                LldpText.string(b.append("\n\t    vlan name: "), tlv.vlanName());
            }
            case 4 -> {
                if (len < LldpTlv.PROTOCOL_IDENTITY
                        || len < LldpTlv.PROTOCOL_IDENTITY + tlv.protocolIdentityLength()) {
                    return false;
                }
                LldpText.string(b.append("\n\t    protocol identity: "), tlv.protocolIdentity());
            }
            case 7 -> {
                if (len < 9) {
                    return false;
                }
                LldpText.aggregation(b, tlv);
            }
            case 8 -> {
                if (len < 6) {
                    return false;
                }
                bits(b.append("\n\t    Pre-Priority CNPV Indicator"), tlv.cnpvIndicators());
                bits(b.append("\n\t    Pre-Priority Ready Indicator"), tlv.readyIndicators());
            }
            case 9, 10 -> {
                if (len < 25) {
                    return false;
                }
                int v = tlv.etsFlags();
                if (tlv.organizationSubtype() == 9) {
                    b.append("\n\t    Willing:").append(v >> 7).append(", CBS:").append((v >> 6) & 2)
                            .append(", RES:").append((v >> 3) & 7).append(", Max TCs:").append(v & 7);
                } else {
                    b.append("\n\t    RES: ").append(v);
                }
                ets(b, tlv);
            }
            case 11 -> {
                if (len < 6) {
                    return false;
                }
                int v = tlv.pfcFlags();
                b.append("\n\t    Willing: ").append(v >> 7).append(", MBC: ").append((v >> 6) & 1)
                        .append(", RES: ").append((v >> 4) & 3).append(", PFC cap:").append(v & 0x0f)
                        .append(" \n\t    PFC Enable");
                bits(b, tlv.pfcEnable());
            }
            case 12 -> {
                return applicationPriority(b, tlv);
            }
            case 13 -> {
                if (len < 9) {
                    return false;
                }
                evb(b, tlv);
            }
            case 14 -> {
                return cdcp(b, tlv);
            }
            default -> {
                return true;
            }
        }
        return false;
    }

    /** An 8-bit map by priority, lowest bit first. */
    private static void bits(StringBuilder b, int v) {
        b.append("\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : ");
        for (int i = 0; i < 8; i++) {
            b.append((v >> i) & 1).append("  ");
        }
    }

    private static void ets(StringBuilder b, LldpTlv tlv) {
        b.append("\n\t    Priority Assignment Table\n\t     Priority : 0   1   2   3   4   5   6   7")
                .append("\n\t     Value    : ");
        int[] values = new int[8];
        for (int i = 0; i < values.length; i++) {
            values[i] = tlv.etsPriorityAssignment(i);
        }
        row(b, values);
        b.append("\n\t    TC Bandwidth Table\n\t     TC%   : 0   1   2   3   4   5   6   7\n\t     Value : ");
        row(b, tlv.etsBandwidths());
        b.append("\n\t    TSA Assignment Table\n\t     Traffic Class: 0   1   2   3   4   5   6   7")
                .append("\n\t     Value        : ");
        row(b, tlv.etsAlgorithms());
    }

    private static void row(StringBuilder b, byte[] v) {
        int[] values = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            values[i] = v[i] & 0xff;
        }
        row(b, values);
    }

    /** Eight numbers in columns of four, the last one padded too (tcpdump's "%-3d " each). */
    private static void row(StringBuilder b, int[] values) {
        for (int i = 0; i < values.length; i++) {
            String s = Integer.toString(values[i]);
            b.append(s).append(" ".repeat(Math.max(0, 3 - s.length())));
            if (i < values.length - 1) {
                b.append(' ');
            }
        }
    }

    private static boolean applicationPriority(StringBuilder b, LldpTlv tlv) {
        int table = tlv.valueLength() - LldpTlv.APPLICATION_PRIORITIES;
        if (table < 0) {
            return false;
        }
        b.append("\n\t    RES: ").append(tlv.applicationPriorityReserved());
        if (table == 0 || table % LldpTlv.APPLICATION_PRIORITY_LENGTH != 0) {
            return false;
        }
        b.append("\n\t    Application Priority Table");
        for (int i = 0; i < table / LldpTlv.APPLICATION_PRIORITY_LENGTH; i++) {
            int v = tlv.applicationPriority(i);
            b.append("\n\t      Priority: ").append(v >> 5).append(", RES: ").append((v >> 3) & 3)
                    .append(", Sel: ").append(v & 7).append(", Protocol ID: ").append(tlv.applicationProtocol(i));
        }
        return false;
    }

    private static void evb(StringBuilder b, LldpTlv tlv) {
        int v = tlv.evbBridgeStatus();
        b.append("\n\t    EVB Bridge Status\n\t      RES: ").append(v >> 3).append(", BGID: ").append((v >> 2) & 1)
                .append(", RRCAP: ").append((v >> 1) & 1).append(", RRCTR: ").append(v & 1);
        v = tlv.evbStationStatus();
        b.append("\n\t    EVB Station Status\n\t      RES: ").append(v >> 4).append(", SGID: ").append((v >> 3) & 1)
                .append(", RRREQ: ").append((v >> 2) & 1).append(",RRSTAT: ").append(v & 3);
        v = tlv.evbRetries();
        b.append("\n\t    R: ").append(v >> 5).append(", RTE: ").append(v & 0x1f).append(", ");
        v = tlv.evbMode();
        b.append("EVB Mode: ").append(EVB_MODES[v >> 6]).append(" [").append(v >> 6).append(']')
                .append("\n\t    ROL: ").append((v >> 5) & 1).append(", RWD: ").append(v & 0x1f).append(", ");
        v = tlv.evbKeepAlive();
        b.append("RES: ").append(v >> 6).append(", ROL: ").append((v >> 5) & 1).append(", RKA: ").append(v & 0x1f);
    }

    private static boolean cdcp(StringBuilder b, LldpTlv tlv) {
        int channels = tlv.valueLength() - LldpTlv.CDCP_CHANNELS;
        if (channels < 0) {
            return false;
        }
        int v = tlv.cdcpFlags();
        b.append("\n\t    Role: ").append(v >> 7).append(", RES: ").append((v >> 4) & 7).append(", Scomp: ")
                .append((v >> 3) & 1).append(" ChnCap: ").append(tlv.cdcpChannelCapacity());
        if (channels % LldpTlv.CDCP_CHANNEL_LENGTH != 0) {
            return false;
        }
        for (int i = 0; i < channels / LldpTlv.CDCP_CHANNEL_LENGTH; i++) {
            b.append("\n\t    SCID: ").append(tlv.cdcpScid(i)).append(", SVID: ").append(tlv.cdcpSvid(i));
        }
        return false;
    }
}
