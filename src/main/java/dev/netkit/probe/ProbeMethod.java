package dev.netkit.probe;

/** How a probe travels: ICMP echo (ping, traceroute -I), UDP to a high port (traceroute's default) or TCP SYN (-T). */
public enum ProbeMethod {
    ICMP, UDP, TCP
}
