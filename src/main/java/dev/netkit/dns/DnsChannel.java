package dev.netkit.dns;

import org.xbill.DNS.Message;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wire under {@link DnsClient}, as {@code ProbeChannel} is ping's and trace's: one try of a query over UDP, or
 * its exchange over TCP, with one server. {@link #KERNEL} is the kernel's sockets; tests give a scripted server.
 * The client's logic (the servers' order, tries, failure lines, the TCP retry of a truncated answer, TSIG,
 * DNSSEC validation) runs the same over either. DNS over TLS and HTTPS, and {@link DnsBatch}'s poll loop of many
 * UDP queries, use the kernel's sockets only.
 */
public interface DnsChannel {
    /** The kernel's sockets: the forged-answer guard over UDP, dnsjava's client over TCP. */
    DnsChannel KERNEL = new KernelDnsChannel();

    /**
     * One UDP try: sends {@code wire} (the encoded {@code query}) to {@code server}, from {@code local} (null: the
     * kernel's choice) and returns the first answer from that server with the query's id and question; each
     * datagram dropped instead is counted in {@code dropped}.
     *
     * @throws java.net.SocketTimeoutException when no answer came within {@code timeout}
     * @throws java.net.PortUnreachableException when the server's port is closed (ICMP port unreachable)
     */
    byte[] udp(InetSocketAddress local, InetSocketAddress server, Message query, byte[] wire, int max,
               Duration timeout, AtomicInteger dropped) throws IOException;

    /** One exchange over TCP; the future fails as the UDP try throws (a refused connection: ConnectException). */
    CompletableFuture<byte[]> tcp(InetSocketAddress local, InetSocketAddress server, Message query, byte[] wire,
                                  Duration timeout);
}
