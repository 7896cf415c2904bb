package dev.netkit.scan;

import java.net.InetAddress;

/**
 * The verdict on one port of one host.
 *
 * @param reason nmap's word for the evidence: syn-ack, reset, conn-refused, no-response, port-unreach, udp-response,
 *               host-unreach, admin-prohibited
 * @param rttMs  the round-trip time of the answer, or -1 when nothing answered
 * @param banner the first bytes the service sent (--banners), raw and unescaped; null when none was read
 * @param detail what -sV learned about the service (null without -sV or when it learned nothing)
 */
public record PortResult(InetAddress host, int port, String proto, PortState state, String reason, double rttMs,
                         String banner, ServiceDetail detail) {
    public PortResult(InetAddress host, int port, String proto, PortState state, String reason, double rttMs) {
        this(host, port, proto, state, reason, rttMs, null, null);
    }

    public PortResult(InetAddress host, int port, String proto, PortState state, String reason, double rttMs,
                      String banner) {
        this(host, port, proto, state, reason, rttMs, banner, null);
    }

    /** The same verdict with the service detail -sV found. */
    public PortResult withDetail(ServiceDetail d) {
        return new PortResult(host, port, proto, state, reason, rttMs, banner, d);
    }
}
