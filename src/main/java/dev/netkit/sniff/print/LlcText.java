package dev.netkit.sniff.print;

import dev.netkit.packet.EthernetHeader;
import dev.netkit.packet.LlcHeader;

/**
 * tcpdump's text for IEEE 802.3 frames with an 802.2 LLC header (print-llc.c): the spanning tree SAP goes to
 * {@link StpText}, SNAP with Cisco's CDP id to {@link CdpText}; with -e the LLC header is named first. Other SAPs are left to the caller (false).
 */
final class LlcText {
    private LlcText() {
    }

    /**
     * Prints the frame when netkit decodes what its LLC header carries; {@code lengthField} is the 802.3 length,
     * {@code at} where the LLC header starts. Returns false, having printed nothing, otherwise.
     */
    static boolean print(StringBuilder b, EthernetHeader e, byte[] d, int at, int lengthField, int wire,
            boolean link, int verbose) {
        LlcHeader llc = LlcHeader.parse(d, at, d.length).orElse(null);
        if (llc != null && llc.snap() && llc.oui() == Oui.CISCO && llc.pid() == CdpText.PID
                && llc.control() == 0x03 && e.tags().isEmpty()) {
            if (link) {
                AddressText.mac(b, e.source().octets()).append(" > ");
                AddressText.mac(b, e.destination().octets());
                b.append(", 802.3, length ").append(lengthField).append(": LLC, dsap SNAP (0xaa) Individual, "
                        + "ssap SNAP (0xaa) Command, ctrl 0x03: oui Cisco (0x00000c), pid CDP (0x2000), length ")
                        .append(lengthField - llc.bufferLength()).append(": ");
            }
            CdpText.print(b, d, at + llc.bufferLength(), Math.min(d.length, at + lengthField),
                    lengthField - llc.bufferLength(), verbose);
            return true;
        }
        if (llc == null || llc.dsap() != LlcHeader.SAP_STP || llc.ssap() != LlcHeader.SAP_STP
                || llc.control() != 0x03 || link && !e.tags().isEmpty()) {
            return false;
        }
        if (link) {
            AddressText.mac(b, e.source().octets()).append(" > ");
            AddressText.mac(b, e.destination().octets());
            b.append(", 802.3, length ").append(wire).append(": LLC, dsap STP (0x42) Individual, ssap STP (0x42) "
                    + "Command, ctrl 0x03: ");
        }
        int start = at + llc.bufferLength();
        // the BPDU ends where the 802.3 length says, or where the capture does
        int end = Math.min(d.length, at + lengthField);
        StpText.print(b, d, start, end, lengthField - llc.bufferLength(), verbose);
        return true;
    }
}
