package dev.netkit.arp;

/** What arp ping sends: requests, RFC 5227 probes (duplicate address detection), or gratuitous announcements. */
public enum ArpPingMode {
    /** Who-has requests from our address; replies are counted (arping's default). */
    REQUEST,
    /** Probes from 0.0.0.0 (RFC 5227 2.1.1): any reply means the address is taken (-D). */
    DUPLICATE_DETECTION,
    /** Gratuitous requests announcing the address (-U). */
    UNSOLICITED_REQUEST,
    /** Gratuitous replies announcing the address (-A). */
    UNSOLICITED_REPLY
}
