package dev.netkit.cli.render;

import dev.netkit.probe.ReplyKind;

/** ICMP errors in words as iputils ping prints them, and as traceroute's annotations. */
public final class IcmpRenderer {
    private IcmpRenderer() {
    }

    /** iputils' text for an ICMP error: "Destination Host Unreachable", "Frag needed and DF set (mtu = 1400)". */
    public static String message(boolean v6, ReplyKind kind, int type, int code, int mtu) {
        if (type < 0) {
            return switch (kind) {
                case PACKET_TOO_BIG -> "local error: message too long, mtu=" + mtu;
                case UNREACHABLE -> "Destination Host Unreachable";
                default -> kind.toString();
            };
        }
        if (v6) {
            return switch (type) {
                case 1 -> "Destination unreachable: " + switch (code) {
                    case 0 -> "No route";
                    case 1 -> "Administratively prohibited";
                    case 2 -> "Beyond scope of source address";
                    case 3 -> "Address unreachable";
                    case 4 -> "Port unreachable";
                    case 5 -> "Source address failed ingress/egress policy";
                    case 6 -> "Reject route to destination";
                    default -> "Unknown code " + code;
                };
                case 2 -> "Packet too big: mtu=" + mtu;
                case 3 -> code == 0 ? "Time exceeded: Hop limit" : "Time exceeded: Defragmentation failure";
                case 4 -> "Parameter problem: code " + code;
                default -> "Bad ICMP type: " + type;
            };
        }
        return switch (type) {
            case 3 -> switch (code) {
                case 0 -> "Destination Net Unreachable";
                case 1 -> "Destination Host Unreachable";
                case 2 -> "Destination Protocol Unreachable";
                case 3 -> "Destination Port Unreachable";
                case 4 -> "Frag needed and DF set (mtu = " + mtu + ")";
                case 5 -> "Source Route Failed";
                case 6 -> "Destination Net Unknown";
                case 7 -> "Destination Host Unknown";
                case 8 -> "Source Host Isolated";
                case 9 -> "Destination Net Prohibited";
                case 10 -> "Destination Host Prohibited";
                case 11 -> "Destination Net Unreachable for Type of Service";
                case 12 -> "Destination Host Unreachable for Type of Service";
                case 13 -> "Packet filtered";
                case 14 -> "Precedence Violation";
                case 15 -> "Precedence Cutoff";
                default -> "Dest Unreachable, Bad Code: " + code;
            };
            case 11 -> code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
            case 4 -> "Source Quench";
            case 5 -> "Redirect";
            case 12 -> "Parameter problem";
            default -> "Bad ICMP type: " + type;
        };
    }

    /**
     * Linux traceroute's annotation for an answer, or "" for none: !H !N !P !X !F-mtu, !S, !V, !C, !<code>.
     * A port unreachable from the destination is the normal end of a UDP trace and has none.
     */
    public static String annotation(boolean v6, ReplyKind kind, int type, int code, int mtu) {
        if (kind == ReplyKind.PACKET_TOO_BIG) {
            return "!F-" + mtu;
        }
        if (kind != ReplyKind.UNREACHABLE) {
            return "";
        }
        if (v6) {
            return switch (code) {
                case 0 -> "!N";
                case 1 -> "!X";
                case 2 -> "!S";
                case 3 -> "!H";
                case 4 -> "";
                default -> "!" + code;
            };
        }
        return switch (code) {
            case 0, 6, 9, 11 -> "!N";
            case 1, 7, 10, 12 -> "!H";
            case 2 -> "!P";
            case 3 -> "";
            case 5 -> "!S";
            case 13 -> "!X";
            case 14 -> "!V";
            case 15 -> "!C";
            default -> "!" + code;
        };
    }
}
