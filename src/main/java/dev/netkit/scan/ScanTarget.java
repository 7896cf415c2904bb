package dev.netkit.scan;

import java.net.InetAddress;

/** One address to scan and the name it was given by (null when given as an address). */
public record ScanTarget(InetAddress address, String name) {
}
