package dev.netkit.dns;

import org.xbill.DNS.Message;
import org.xbill.DNS.io.DefaultIoClientFactory;
import org.xbill.DNS.io.IoClientFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link DnsChannel#KERNEL}: a {@link GuardedUdpClient} per UDP try, dnsjava's own client for TCP. */
final class KernelDnsChannel implements DnsChannel {
    /** dnsjava's own clients, for TCP; made on first use (its selector thread costs start-up time). */
    private static final class DefaultIo {
        static final IoClientFactory FACTORY = new DefaultIoClientFactory();
    }

    @Override
    public byte[] udp(InetSocketAddress local, InetSocketAddress server, Message query, byte[] wire, int max,
                      Duration timeout, AtomicInteger dropped) throws IOException {
        GuardedUdpClient udp = new GuardedUdpClient();
        try {
            return udp.exchange(local, server, query, wire, max, timeout);
        } finally {
            dropped.addAndGet(udp.dropped());
        }
    }

    @Override
    public CompletableFuture<byte[]> tcp(InetSocketAddress local, InetSocketAddress server, Message query,
                                         byte[] wire, Duration timeout) {
        return DefaultIo.FACTORY.createOrGetTcpClient().sendAndReceiveTcp(local, server, query, wire, timeout);
    }
}
