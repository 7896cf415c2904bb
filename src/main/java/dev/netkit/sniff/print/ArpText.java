package dev.netkit.sniff.print;

import dev.netkit.packet.ArpMessage;
import dev.netkit.packet.ArpOperation;

/** tcpdump's ARP and RARP text (print-arp.c). */
final class ArpText {
    private ArpText() {
    }

    static void print(StringBuilder b, ArpMessage a, int length, boolean prefix, int verbose) {
        if (prefix) {
            b.append("ARP, ");
        }
        if (verbose > 0) {
            b.append("Ethernet (len 6), IPv4 (len 4), ");
        }
        ArpOperation op = a.operation();
        switch (op.value()) {
            case 1 -> {
                AddressText.ip(b.append("Request who-has "), a.targetIp());
                if (!isZero(a.targetMac().octets())) {
                    AddressText.mac(b.append(" ("), a.targetMac().octets()).append(')');
                }
                AddressText.ip(b.append(" tell "), a.senderIp());
            }
            case 2 -> {
                AddressText.ip(b.append("Reply "), a.senderIp());
                AddressText.mac(b.append(" is-at "), a.senderMac().octets());
            }
            case 3 -> {
                AddressText.mac(b.append("Reverse Request who-is "), a.targetMac().octets());
                AddressText.mac(b.append(" tell "), a.senderMac().octets());
            }
            case 4 -> {
                AddressText.mac(b.append("Reverse Reply "), a.targetMac().octets());
                AddressText.ip(b.append(" at "), a.targetIp());
            }
            default -> b.append("Unknown (").append(op.value()).append(')');
        }
        b.append(", length ").append(length);
    }

    private static boolean isZero(byte[] x) {
        for (byte v : x) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
