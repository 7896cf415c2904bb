package dev.netkit.capture;

/**
 * How to open a live capture.
 *
 * @param device       interface name, its number in {@link LiveCapture#devices()} (as tcpdump -D numbers
 *                     them, from 1), or {@code any}
 * @param snaplen      bytes kept of each frame
 * @param promiscuous  receive frames addressed to other hosts too
 * @param immediate    deliver each frame at once (no kernel batching); engines want this, bulk -w does not
 * @param bufferSize   kernel buffer in bytes, 0 for libpcap's default
 * @param filter       a BPF filter in libpcap syntax, or {@code null} for everything
 * @param sends        the channel sends frames too; a capture only (sniff) asks netkit-helper for no more than that
 */
public record CaptureOptions(String device, int snaplen, boolean promiscuous, boolean immediate, int bufferSize,
        String filter, boolean sends) {

    /** The defaults tcpdump uses: 262144-byte snaplen, promiscuous, immediate, 2 MiB buffer, no filter; sends. */
    public static CaptureOptions on(String device) {
        return new CaptureOptions(device, PcapFileReader.MAX_CAPTURE, true, true, 2 * 1024 * 1024, null, true);
    }

    public CaptureOptions withSnaplen(int n) {
        return new CaptureOptions(device, n, promiscuous, immediate, bufferSize, filter, sends);
    }

    public CaptureOptions withPromiscuous(boolean p) {
        return new CaptureOptions(device, snaplen, p, immediate, bufferSize, filter, sends);
    }

    public CaptureOptions withImmediate(boolean i) {
        return new CaptureOptions(device, snaplen, promiscuous, i, bufferSize, filter, sends);
    }

    public CaptureOptions withBufferSize(int bytes) {
        return new CaptureOptions(device, snaplen, promiscuous, immediate, bytes, filter, sends);
    }

    public CaptureOptions withFilter(String bpf) {
        return new CaptureOptions(device, snaplen, promiscuous, immediate, bufferSize, bpf, sends);
    }

    public CaptureOptions withSends(boolean s) {
        return new CaptureOptions(device, snaplen, promiscuous, immediate, bufferSize, filter, s);
    }
}
