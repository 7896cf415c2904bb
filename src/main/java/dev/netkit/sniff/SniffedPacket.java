package dev.netkit.sniff;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.Frame;
import org.xbill.DNS.Message;

/**
 * One packet as the sniff engine saw it: its number, the captured frame, the layers decoded as far as they
 * are valid, and a DNS message when the UDP or TCP payload on port 53 or 5353 parsed as one.
 *
 * @param number     1 for the first packet read
 * @param frame      the bytes and their timestamp and link type
 * @param decoded    the decoded layers ({@link Frame#stoppedAt()} says where decoding stopped)
 * @param dns        the DNS message in the payload, or {@code null}
 * @param dnsProblem why a payload on a DNS port did not parse, or {@code null}
 */
public record SniffedPacket(long number, CapturedFrame frame, Frame decoded, Message dns, String dnsProblem) {
}
