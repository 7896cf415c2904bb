package dev.netkit.sniff.print;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.PacketDecoder;

/** The printers' text for one Ethernet frame, as {@code sniff -t -n} prints it: what the printer tests compare. */
final class RenderedText {
    private RenderedText() {
    }

    /** The frame's text at tcpdump's -v count {@code verbose}; {@code wire} is its length on the wire. */
    static String ethernet(byte[] frame, int wire, int verbose, boolean link) {
        TcpdumpText text = new TcpdumpText(PrintOptions.of(link, verbose, true, 1, false, 0, 0, false),
                new TimeText(1, false)); // -t: no time
        StringBuilder b = new StringBuilder();
        text.render(new PacketDecoder().decode(1, new CapturedFrame(0, LinkType.ETHERNET, wire, frame)), b);
        return b.toString();
    }
}
