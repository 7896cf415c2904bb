package dev.netkit.dns;

import org.xbill.DNS.Message;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One answered query: what was sent, what came back, from where and how.
 *
 * @param transport "UDP", "TCP", "TLS" or "HTTPS": the transport of the response that was kept
 * @param truncatedRetry true when a UDP answer came back truncated and the query was repeated over TCP
 * @param droppedResponses datagrams that arrived on the query's socket but did not match its server, id or
 *                         question, and were thrown away
 * @param failures dig-style lines for the tries that failed before this answer
 * @param validation the DNSSEC verdict when the answer was validated, else null
 * @param tsigProblem for a TSIG-signed query, why the answer's signature did not verify (dig's words), else null
 */
public record DnsExchange(Message query, Message response, InetSocketAddress server, String transport,
                          long queryTimeMs, int messageSize, Instant when, boolean truncatedRetry,
                          int droppedResponses, java.util.List<String> failures, Validation validation,
                          String tsigProblem) {

    public DnsExchange(Message query, Message response, InetSocketAddress server, String transport,
                       long queryTimeMs, int messageSize, Instant when, boolean truncatedRetry,
                       int droppedResponses, java.util.List<String> failures, Validation validation) {
        this(query, response, server, transport, queryTimeMs, messageSize, when, truncatedRetry, droppedResponses,
                failures, validation, null);
    }

    public DnsExchange(Message query, Message response, InetSocketAddress server, String transport,
                       long queryTimeMs, int messageSize, Instant when, boolean truncatedRetry,
                       int droppedResponses, java.util.List<String> failures) {
        this(query, response, server, transport, queryTimeMs, messageSize, when, truncatedRetry, droppedResponses,
                failures, null);
    }
}
