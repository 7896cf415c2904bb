package dev.netkit.sniff.print;

/**
 * Port names tcpdump prints without -n (from /etc/services on Debian), for the well-known ports the labs
 * use. Host names are never looked up: a lookup per packet would be slow and would itself send traffic.
 */
final class Services {
    private Services() {
    }

    static String name(int port) {
        return switch (port) {
            case 7 -> "echo";
            case 20 -> "ftp-data";
            case 21 -> "ftp";
            case 22 -> "ssh";
            case 23 -> "telnet";
            case 25 -> "smtp";
            case 53 -> "domain";
            case 67 -> "bootps";
            case 68 -> "bootpc";
            case 69 -> "tftp";
            case 80 -> "http";
            case 110 -> "pop3";
            case 123 -> "ntp";
            case 143 -> "imap2";
            case 161 -> "snmp";
            case 162 -> "snmp-trap";
            case 179 -> "bgp";
            case 389 -> "ldap";
            case 443 -> "https";
            case 514 -> "syslog";
            case 546 -> "dhcpv6-client";
            case 547 -> "dhcpv6-server";
            case 853 -> "domain-s";
            case 993 -> "imaps";
            case 995 -> "pop3s";
            case 5353 -> "mdns";
            case 8080 -> "http-alt";
            default -> Integer.toString(port);
        };
    }
}
