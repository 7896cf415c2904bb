package dev.netkit.lab.course;

import dev.netkit.packet.Frame;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Header;
import dev.netkit.packet.UdpHeader;
import dev.netkit.system.IpLiteral;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Anatomy of one UDP datagram (000-13 + 000-14): every header field of one small datagram, read on the wire. */
final class UdpDatagramExercise extends Exercise {
    static final String MESSAGE = "This is a test message.";

    UdpDatagramExercise() {
        super("udp-datagram", "Anatomy of one UDP datagram", "000-13, 000-14",
                "Send the text 'This is a test message.' (no newline) from the client to pc2, UDP port 10000, and"
                        + " capture it on pc2. Read its IPv4 total length, TTL, DF flag and protocol, and its UDP"
                        + " length and ports, and explain each length.",
                List.of("in a second terminal: {lab} pc2 -- netkit sniff -i eth0 -c 1 -w {dir}/udp.pcap"
                                + " 'udp port 10000'",
                        "printf '" + MESSAGE + "' | {lab} client -- netkit nc -u -q 0 198.18.1.11 10000    (nothing"
                                + " listens there: pc2 answers with an ICMP port unreachable, which nc may report as"
                                + " 'Connection refused')",
                        "netkit sniff -n -vv -r {dir}/udp.pcap    (read the fields)"),
                "IPv4 total length 51 = 20 (IP header) + 8 (UDP header) + 23 (the text); TTL 64 (Linux's default,"
                        + " the datagram crossed no router); DF set (Linux does path-MTU discovery); protocol 17"
                        + " (UDP). UDP length 31 = 8 + 23; destination port 10000, source port a random one of the"
                        + " client's ephemeral range.");
    }

    @Override
    public void check(Attempt a) {
        a.pcap("udp.pcap").ifPresent(frames -> {
            Optional<Frame> sent = frames.stream().filter(f -> f.ipv4().isPresent() && f.udp().isPresent()
                    && IpLiteral.format(f.ipv4().get().source()).equals("198.18.1.10")
                    && f.udp().get().destinationPort() == 10000).findFirst();
            if (sent.isEmpty()) {
                a.missing("udp.pcap holds no UDP datagram from the client to port 10000",
                        "start the capture on pc2 first, then send from the client");
                return;
            }
            Frame f = sent.get();
            String text = new String(f.payload(), StandardCharsets.UTF_8);
            if (!a.expect(text.equals(MESSAGE), "the datagram carries '" + MESSAGE + "'",
                    "the datagram carries " + f.payload().length + " bytes, not the 23 of '" + MESSAGE + "'",
                    "send exactly the text, without a newline: printf, not echo")) {
                return;
            }
            Ipv4Header ip = f.ipv4().get();
            UdpHeader udp = f.udp().get();
            a.expect(ip.totalLength() == 51 && ip.ttl() == 64 && ip.dontFragment()
                            && ip.protocol().equals(IpProtocol.UDP),
                    "IPv4: total length 51, TTL 64, DF set, protocol 17",
                    "the IPv4 header is not the one a datagram sent straight from the client has",
                    "send from the client to pc2 (198.18.1.11), on the same LAN");
            a.expect(udp.length() == 31 && udp.destinationPort() == 10000, "UDP: length 31, destination port 10000",
                    "the UDP header's length is " + udp.length() + ", not 31", "send the 23 bytes of text only");
        });
    }
}
