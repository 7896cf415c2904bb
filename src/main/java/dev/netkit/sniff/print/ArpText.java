package dev.netkit.sniff.print;

import dev.netkit.packet.ArpPacket;
import dev.netkit.packet.AtmArpPacket;
import dev.netkit.packet.MalformedPacketException;
import dev.netkit.packet.MessageBytes;
import dev.netkit.packet.Q922Address;

/**
 * tcpdump's ARP, RARP and InARP text (print-arp.c) for any hardware type: the hardware and protocol types with
 * their lengths when they are not IPv4's (or with -v), then the operation and its addresses; ATMARP (RFC 2225)
 * with its numbers and subaddresses. An operation tcpdump does not know is dumped in hex; a packet whose
 * addresses were not all captured is {@code [|arp]}.
 */
final class ArpText {
    private static final int ETHERTYPE_IP = 0x0800;
    /** Trailer encapsulation (RFC 893): tcpdump reads its ARP addresses as IPv4 too. */
    private static final int ETHERTYPE_TRAIL = 0x1000;
    private static final int FRAME_RELAY = 15;

    private ArpText() {
    }

    /** The ARP packet at {@code at} of the frame, {@code length} bytes on the wire. */
    static void print(TcpdumpText text, StringBuilder b, byte[] d, int at, int length, boolean prefix) {
        int captured = Math.max(0, d.length - at);
        try {
            // ATM ARP (RFC 2225) shares the hardware type field with ARP, then differs
            if (captured >= ArpPacket.ADDRESSES
                    && new MessageBytes("arp", d, at, d.length).u16At(0) == AtmArpPacket.HARDWARE_TYPE) {
                atm(text, b, AtmArpPacket.newChecked(d, at, captured), d, at, length, prefix);
            } else {
                arp(text, b, ArpPacket.newChecked(d, at, captured), d, at, length, prefix);
            }
        } catch (MalformedPacketException e) {
            b.append(" [|arp]");
        }
    }

    private static void arp(TcpdumpText text, StringBuilder b, ArpPacket a, byte[] d, int at, int length,
            boolean prefix) {
        if (prefix) {
            b.append("ARP, ");
        }
        int hrd = a.hardwareType();
        int pro = a.protocolType().value();
        if (!ipv4(pro) || a.protocolLength() != 4 || a.hardwareLength() == 0 || text.verbose > 0) {
            b.append(hardware(hrd)).append(" (len ").append(a.hardwareLength()).append("), ");
            protocol(b, pro).append(" (len ").append(a.protocolLength()).append(')');
            if (onlyHeader(text, b, length)) {
                return;
            }
        }
        int op = operation(text, b, a.operation().value());
        switch (op) {
            case 1 -> {
                protocolAddress(b.append("who-has "), pro, a.protocolLength(), a.targetProtocolAddress(), "len");
                byte[] tha = a.targetHardwareAddress();
                if (!isZero(tha)) {
                    link(b.append(" ("), hrd, tha).append(')');
                }
                protocolAddress(b.append(" tell "), pro, a.protocolLength(), a.senderProtocolAddress(), "len");
            }
            case 2 -> {
                protocolAddress(b, pro, a.protocolLength(), a.senderProtocolAddress(), "len");
                link(b.append(" is-at "), hrd, a.senderHardwareAddress());
            }
            case 3, 8 -> {
                link(b.append("who-is "), hrd, a.targetHardwareAddress());
                link(b.append(" tell "), hrd, a.senderHardwareAddress());
            }
            case 4 -> {
                link(b, hrd, a.targetHardwareAddress()).append(" at ");
                protocolAddress(b, pro, a.protocolLength(), a.targetProtocolAddress(), "len");
            }
            case 9 -> {
                link(b, hrd, a.senderHardwareAddress()).append(" at ");
                protocolAddress(b, pro, a.protocolLength(), a.senderProtocolAddress(), "len");
            }
            default -> {
                text.defaultPrint(b, d, at);
                return;
            }
        }
        b.append(", length ").append(length);
    }

    /** ATMARP (RFC 2225 section 8.7): protocol lengths per side, addresses as number and subaddress. */
    private static void atm(TcpdumpText text, StringBuilder b, AtmArpPacket a, byte[] d, int at, int length,
            boolean prefix) {
        if (prefix) {
            b.append("ARP, ");
        }
        int pro = a.protocolType().value();
        int spln = a.sourceProtocolLength();
        int tpln = a.targetProtocolLength();
        if (!ipv4(pro) || spln != 4 || tpln != 4 || text.verbose > 0) {
            b.append(hardware(a.hardwareType())).append(", ");
            protocol(b, pro).append(" (len ").append(spln).append('/').append(tpln).append(')');
            if (onlyHeader(text, b, length)) {
                return;
            }
        }
        int op = operation(text, b, a.operation().value());
        switch (op) {
            case 1 -> {
                protocolAddress(b.append("who-has "), pro, tpln, a.targetProtocolAddress(), "tplen");
                if (a.targetNumberLength() != 0) {
                    atmAddress(b.append(" ("), a.targetNumber(), a.targetSubaddress()).append(')');
                }
                protocolAddress(b.append(" tell "), pro, spln, a.sourceProtocolAddress(), "splen");
            }
            case 2 -> {
                protocolAddress(b, pro, spln, a.sourceProtocolAddress(), "splen");
                atmAddress(b.append(" is-at "), a.sourceNumber(), a.sourceSubaddress());
            }
            case 8 -> {
                atmAddress(b.append("who-is "), a.targetNumber(), a.targetSubaddress());
                atmAddress(b.append(" tell "), a.sourceNumber(), a.sourceSubaddress());
            }
            case 9 -> {
                // tcpdump prints no space before "at" here
                atmAddress(b, a.sourceNumber(), a.sourceSubaddress()).append("at ");
                protocolAddress(b, pro, spln, a.sourceProtocolAddress(), "splen");
            }
            case 10 -> protocolAddress(b.append("for "), pro, spln, a.sourceProtocolAddress(), "splen");
            default -> {
                text.defaultPrint(b, d, at);
                return;
            }
        }
        b.append(", length ").append(length);
    }

    private static boolean ipv4(int pro) {
        return pro == ETHERTYPE_IP || pro == ETHERTYPE_TRAIL;
    }

    /** An IPv4 protocol address, or tcpdump's complaint when the type or length ({@code what}) is not IPv4's. */
    private static void protocolAddress(StringBuilder b, int pro, int length, byte[] address, String what) {
        if (!ipv4(pro)) {
            b.append("<wrong proto type>");
        } else if (length != 4) {
            b.append("<wrong ").append(what).append('>');
        } else {
            AddressText.ipv4(b, address, 0);
        }
    }

    /** A hardware address as tcpdump's linkaddr_string: a frame relay DLCI, else hex bytes joined by colons. */
    private static StringBuilder link(StringBuilder b, int hrd, byte[] address) {
        if (address.length == 0) {
            return b.append("<empty>");
        }
        if (hrd == FRAME_RELAY) {
            Q922Address q = Q922Address.parse(address, address.length);
            return b.append(q == null ? "<Truncated>" : q.dlci() < 0 ? "<Invalid DLCI>" : "DLCI " + q.dlci());
        }
        return colonHex(b, address);
    }

    private static StringBuilder atmAddress(StringBuilder b, byte[] number, byte[] subaddress) {
        if (number.length == 0) {
            return b.append("<No address>");
        }
        colonHex(b, number);
        if (subaddress.length != 0) {
            colonHex(b.append(','), subaddress);
        }
        return b;
    }

    private static StringBuilder colonHex(StringBuilder b, byte[] address) {
        for (int i = 0; i < address.length; i++) {
            if (i > 0) {
                b.append(':');
            }
            AddressText.hex2(b, address[i]);
        }
        return b;
    }

    /** A hardware address as tcpdump prints it for ARP of hardware type {@code hrd} (FieldView, PacketJson). */
    static String linkAddress(int hrd, byte[] address) {
        return link(new StringBuilder(), hrd, address).toString();
    }

    /** tcpdump's arphrd_values name of a hardware type. */
    static String hardware(int hrd) {
        return switch (hrd) {
            case 1 -> "Ethernet";
            case 6 -> "TokenRing";
            case 7 -> "ArcNet";
            case FRAME_RELAY -> "FrameRelay";
            case 23 -> "Strip";
            case 24 -> "IEEE 1394";
            case AtmArpPacket.HARDWARE_TYPE -> "ATM";
            case 32 -> "InfiniBand";
            default -> "Unknown Hardware (" + hrd + ")";
        };
    }

    private static StringBuilder protocol(StringBuilder b, int pro) {
        String name = TcpdumpText.etherTypeName(pro);
        if (name != null) {
            return b.append(name);
        }
        b.append("Unknown Protocol (0x");
        AddressText.hex4(b, pro);
        return b.append(')');
    }

    /** Without -v, tcpdump prints only the header of an ARP that is not plain IPv4 over a link, and its length. */
    private static boolean onlyHeader(TcpdumpText text, StringBuilder b, int length) {
        if (text.verbose == 0) {
            b.append(", length ").append(length);
            return true;
        }
        return false;
    }

    /** Appends the operation's name (after the -v header's comma); returns its number. */
    private static int operation(TcpdumpText text, StringBuilder b, int op) {
        b.append(text.verbose > 0 ? ", " : "").append(operation(op)).append(' ');
        return op;
    }

    private static String operation(int op) {
        return switch (op) {
            case 1 -> "Request";
            case 2 -> "Reply";
            case 3 -> "Reverse Request";
            case 4 -> "Reverse Reply";
            case 8 -> "Inverse Request";
            case 9 -> "Inverse Reply";
            case 10 -> "NACK Reply";
            default -> "Unknown (" + op + ")";
        };
    }

    private static boolean isZero(byte[] x) {
        for (byte v : x) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
    /** AppleTalk ARP's fixed size (Inside AppleTalk ch. 2): Ethernet hardware and 4-byte AppleTalk addresses. */
    private static final int AARP_LENGTH = 28;

    /**
     * AppleTalk ARP (EtherType 0x80f3) as print-atalk.c's aarp_print: request, response and probe with the
     * AppleTalk addresses as net.node, anything else by its fields; cut short, {@code aarp  [|aarp]}.
     */
    static void aarp(StringBuilder b, byte[] d, int at, int length) {
        b.append("aarp ");
        if (at + AARP_LENGTH > d.length) {
            b.append(" [|aarp]");
            return;
        }
        if (length < AARP_LENGTH) {
            b.append(" [|aarp ").append(length).append(']');
            return;
        }
        // AARP has ARP's layout (RFC 826's fields), here read as far as it declares them
        MessageBytes m = new MessageBytes("aarp", d, at, d.length);
        int hrd = m.u16At(0);
        int pro = m.u16At(2);
        int halen = m.byteAt(4);
        int palen = m.byteAt(5);
        int op = m.u16At(6);
        if (hrd == 1 && pro == 0x809b && halen == 6 && palen == 4) {
            switch (op) {
                case 1 -> {
                    atalk(b.append("who-has "), m, 24);
                    atalk(b.append(" tell "), m, 14);
                    return;
                }
                case 2 -> {
                    atalk(b.append("reply "), m, 14);
                    AddressText.mac(b.append(" is-at "), m.bytesAt(8, 6));
                    return;
                }
                case 3 -> {
                    atalk(b.append("probe "), m, 24);
                    atalk(b.append(" tell "), m, 14);
                    return;
                }
                default -> {
                }
            }
        }
        b.append("len ").append(length).append(" op ").append(op).append(" htype ").append(hrd)
                .append(" ptype 0x").append(Integer.toHexString(pro)).append(" halen ").append(halen)
                .append(" palen ").append(palen);
    }

    /** An AppleTalk address at {@code at} (its zero byte, 16-bit net, node) as tcpdump's ataddr_string with -n. */
    private static void atalk(StringBuilder b, MessageBytes m, int at) {
        b.append(m.u16At(at + 1));
        int node = m.byteAt(at + 3);
        if (node != 255) {
            b.append('.').append(node);
        }
    }
}
