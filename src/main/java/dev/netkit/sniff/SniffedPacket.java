package dev.netkit.sniff;

import dev.netkit.capture.CapturedFrame;
import dev.netkit.packet.DnsMessage;
import dev.netkit.packet.Frame;
import org.xbill.DNS.Message;

import java.io.IOException;

/**
 * One packet as the sniff engine saw it: its number, the captured frame, the layers decoded as far as they
 * are valid, and a DNS message when the UDP or TCP payload on port 53 or 5353 parsed as one. The text printers
 * read the message through {@link DnsMessage}; the JSON and field views through dnsjava's {@link Message}, parsed
 * on their first call only (dnsjava's class set-up costs a short {@code sniff -r} a third of its CPU). A packet
 * is handed from the decoder's thread to the printer's through a queue, and only the printer's calls dnsjava().
 */
public final class SniffedPacket {
    private final long number;
    private final CapturedFrame frame;
    private final Frame decoded;
    private final DnsMessage dns;
    private final String dnsProblem;
    private Message dnsjava;
    /** dnsjava was asked and rejected the message: not parsed again on the next call. */
    private boolean dnsjavaRejected;

    /**
     * @param number     1 for the first packet read
     * @param frame      the bytes and their timestamp and link type
     * @param decoded    the decoded layers ({@link Frame#stoppedAt()} says where decoding stopped)
     * @param dns        the DNS message in the payload, or {@code null}
     * @param dnsProblem why a payload on a DNS port did not parse, or {@code null}
     */
    public SniffedPacket(long number, CapturedFrame frame, Frame decoded, DnsMessage dns, String dnsProblem) {
        this.number = number;
        this.frame = frame;
        this.decoded = decoded;
        this.dns = dns;
        this.dnsProblem = dnsProblem;
    }

    public long number() {
        return number;
    }

    public CapturedFrame frame() {
        return frame;
    }

    public Frame decoded() {
        return decoded;
    }

    /** The DNS message in the payload, or {@code null}. */
    public DnsMessage dns() {
        return dns;
    }

    /** Why a payload on a DNS port did not parse, or {@code null}. */
    public String dnsProblem() {
        return dnsProblem;
    }

    /** The DNS message as dnsjava reads it, or {@code null} (no message, or one dnsjava rejects). */
    public Message dnsjava() {
        if (dnsjava == null && dns != null && !dnsjavaRejected) {
            try {
                dnsjava = new Message(dns.bytesAt(0, dns.length()));
            } catch (IOException | RuntimeException e) {
                dnsjavaRejected = true;
            }
        }
        return dnsjava;
    }
}
