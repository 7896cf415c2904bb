package dev.netkit.system;


import java.net.InetAddress;
import java.util.List;

/**
 * The answer to "which route does a packet to {@code dst} take, and why".
 *
 * @param dst        the destination asked about
 * @param candidates every route whose prefix contains dst, in the order the tables were consulted
 * @param winner     the chosen route, or null when none matched
 * @param src        the source address the kernel would use, or null when unknown (teaching mode without src)
 * @param nextHop    the gateway, or dst itself when it is directly attached
 * @param dev        the outgoing interface (lo for a local address)
 * @param srcWhy     where the source address came from, in words
 */
public record RouteDecision(InetAddress dst, List<Candidate> candidates, RouteEntry winner, InetAddress src,
                            InetAddress nextHop, String dev, String srcWhy) {

    /** A matching route and why it won or lost. */
    public record Candidate(RouteEntry route, boolean wins, String why) {
    }
}
