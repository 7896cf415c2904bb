package dev.netkit.capture;

/**
 * What the capture source counted (libpcap's pcap_stat): packets that passed the filter, packets the kernel
 * dropped for lack of buffer space, and packets the interface dropped. Files report what they held.
 */
public record CaptureStats(long receivedByFilter, long droppedByKernel, long droppedByInterface) {
    public static final CaptureStats NONE = new CaptureStats(0, 0, 0);
}
