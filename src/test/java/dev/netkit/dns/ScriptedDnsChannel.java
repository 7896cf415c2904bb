package dev.netkit.dns;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted {@link DnsChannel} for the unit tests of dig, host and nslookup: an authoritative server for the
 * test zones (the ones NsdServer serves in the integration tests) answers every server address, without a socket.
 * A server can be scripted try by try: silent (the try times out at once), refused (its port is closed), or
 * answering after a forged datagram the client drops. What was asked is logged.
 */
public final class ScriptedDnsChannel implements DnsChannel {
    /** What a server does with one try. */
    public enum Behaviour { ANSWER, SILENT, REFUSED, FORGED_FIRST }

    private final List<Zone> zones = new ArrayList<>();
    private final Map<InetSocketAddress, ArrayDeque<Behaviour>> tries = new HashMap<>();
    private final Map<InetSocketAddress, Behaviour> always = new HashMap<>();
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    /** A server for the test zones (netkit.test and its reverse zones). */
    public ScriptedDnsChannel() {
        for (String origin : NsdServer.ZONES) {
            try (InputStream in = NsdServer.class.getResourceAsStream(origin + ".zone")) {
                zones.add(new Zone(Name.fromString(origin + "."), in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The next tries to {@code server} do these, in order; then it answers (or does what {@link #always} says). */
    public synchronized ScriptedDnsChannel script(InetSocketAddress server, Behaviour... next) {
        tries.computeIfAbsent(server, s -> new ArrayDeque<>()).addAll(List.of(next));
        return this;
    }

    /** Every try to {@code server} after the scripted ones does this. */
    public synchronized ScriptedDnsChannel always(InetSocketAddress server, Behaviour b) {
        always.put(server, b);
        return this;
    }

    /** The tries made, in order: {@code UDP 198.18.10.53#53 server.netkit.test./A}. */
    public List<String> asked() {
        synchronized (asked) {
            return List.copyOf(asked);
        }
    }

    private synchronized Behaviour next(InetSocketAddress server) {
        ArrayDeque<Behaviour> q = tries.get(server);
        if (q != null && !q.isEmpty()) {
            return q.poll();
        }
        return always.getOrDefault(server, Behaviour.ANSWER);
    }

    private void log(String how, InetSocketAddress server, Message query) {
        Record q = query.getQuestion();
        asked.add(how + " " + DnsClient.addressText(server) + " " + q.getName() + "/" + Type.string(q.getType()));
    }

    @Override
    public byte[] udp(InetSocketAddress local, InetSocketAddress server, Message query, byte[] wire, int max,
                      Duration timeout, AtomicInteger dropped) throws IOException {
        log("UDP", server, query);
        switch (next(server)) {
            case SILENT -> throw new SocketTimeoutException("timed out");
            case REFUSED -> throw new PortUnreachableException("connection refused");
            case FORGED_FIRST -> dropped.incrementAndGet();
            case ANSWER -> { }
        }
        OPTRecord opt = new Message(wire).getOPT();
        int size = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
        return answer(new Message(wire)).toWire(size);
    }

    @Override
    public CompletableFuture<byte[]> tcp(InetSocketAddress local, InetSocketAddress server, Message query,
                                         byte[] wire, Duration timeout) {
        log("TCP", server, query);
        try {
            return switch (next(server)) {
                case SILENT -> CompletableFuture.failedFuture(new SocketTimeoutException("timed out"));
                case REFUSED -> CompletableFuture.failedFuture(new ConnectException("Connection refused"));
                case ANSWER, FORGED_FIRST -> CompletableFuture.completedFuture(answer(new Message(wire)).toWire());
            };
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** An authoritative answer as NSD gives it: in-zone CNAMEs followed, NXDOMAIN and NODATA with the SOA. */
    Message answer(Message query) {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            m.getHeader().setFlag(Flags.RD);
        }
        if (query.getHeader().getFlag(Flags.CD)) {
            m.getHeader().setFlag(Flags.CD);
        }
        Record question = query.getQuestion();
        m.addRecord(question, Section.QUESTION);
        if (query.getOPT() != null) {
            m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        }
        Name name = question.getName();
        Zone zone = zoneOf(name);
        if (zone == null) {
            m.getHeader().setRcode(Rcode.REFUSED);
            return m;
        }
        m.getHeader().setFlag(Flags.AA);
        for (int step = 0; step < 8; step++) {
            SetResponse sr = zone.findRecords(name, question.getType());
            if (sr.isSuccessful()) {
                for (RRset set : sr.answers()) {
                    set.rrs(false).forEach(r -> m.addRecord(r, Section.ANSWER));
                }
                return m;
            }
            if (sr.isCNAME()) {
                m.addRecord(sr.getCNAME(), Section.ANSWER);
                name = sr.getCNAME().getTarget();
                if (!name.subdomain(zone.getOrigin())) {
                    return m;
                }
                continue;
            }
            if (sr.isDelegation()) {
                m.getHeader().unsetFlag(Flags.AA);
                RRset ns = sr.getNS();
                ns.rrs(false).forEach(r -> m.addRecord(r, Section.AUTHORITY));
                return m;
            }
            if (sr.isNXDOMAIN()) {
                m.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            // RFC 2308: the SOA of a negative answer lives as long as its minimum field says, at most
            org.xbill.DNS.SOARecord soa = zone.getSOA();
            m.addRecord(new org.xbill.DNS.SOARecord(soa.getName(), soa.getDClass(), Math.min(soa.getTTL(),
                    soa.getMinimum()), soa.getHost(), soa.getAdmin(), soa.getSerial(), soa.getRefresh(), soa.getRetry(),
                    soa.getExpire(), soa.getMinimum()), Section.AUTHORITY);
            return m;
        }
        return m;
    }

    private Zone zoneOf(Name name) {
        Zone best = null;
        for (Zone z : zones) {
            if (name.subdomain(z.getOrigin())
                    && (best == null || z.getOrigin().labels() > best.getOrigin().labels())) {
                best = z;
            }
        }
        return best;
    }
}
