package dev.netkit.dns;

import java.net.InetAddress;
import java.time.Duration;

/**
 * How one query is sent, with BIND dig's defaults: recursion desired, AD set, EDNS version 0 with a
 * 1232-byte buffer, 5 s per try, 3 tries over UDP, TCP when the answer comes back truncated.
 *
 * @param subnet an EDNS Client Subnet as {@code ADDR/LEN} (RFC 7871), or null
 * @param source the local address to send from ({@code -b}), or null for the kernel's choice
 */
public record QueryOptions(boolean recurse, boolean tcp, boolean dnssec, boolean checkingDisabled,
                           boolean authenticData, boolean edns, int bufsize, Duration timeout, int tries,
                           boolean ignoreTruncation, boolean nsid, String subnet, InetAddress source) {

    public static final QueryOptions DIG = new QueryOptions(true, false, false, false, true, true, 1232,
            Duration.ofSeconds(5), 3, false, false, null, null);

    public QueryOptions withRecurse(boolean v) {
        return new QueryOptions(v, tcp, dnssec, checkingDisabled, authenticData, edns, bufsize, timeout, tries,
                ignoreTruncation, nsid, subnet, source);
    }

    public QueryOptions withTcp(boolean v) {
        return new QueryOptions(recurse, v, dnssec, checkingDisabled, authenticData, edns, bufsize, timeout, tries,
                ignoreTruncation, nsid, subnet, source);
    }

    public QueryOptions withDnssec(boolean v) {
        return new QueryOptions(recurse, tcp, v, checkingDisabled, authenticData, edns, bufsize, timeout, tries,
                ignoreTruncation, nsid, subnet, source);
    }

    public QueryOptions withCheckingDisabled(boolean v) {
        return new QueryOptions(recurse, tcp, dnssec, v, authenticData, edns, bufsize, timeout, tries,
                ignoreTruncation, nsid, subnet, source);
    }

    public QueryOptions withAuthenticData(boolean v) {
        return new QueryOptions(recurse, tcp, dnssec, checkingDisabled, v, edns, bufsize, timeout, tries,
                ignoreTruncation, nsid, subnet, source);
    }

    public QueryOptions withEdns(boolean v) {
        return new QueryOptions(recurse, tcp, dnssec, checkingDisabled, authenticData, v, bufsize, timeout, tries,
                ignoreTruncation, nsid, subnet, source);
    }

    public QueryOptions withBufsize(int v) {
        return new QueryOptions(recurse, tcp, dnssec, checkingDisabled, authenticData, edns, v, timeout, tries,
                ignoreTruncation, nsid, subnet, source);
    }

    public QueryOptions withTimeout(Duration v) {
        return new QueryOptions(recurse, tcp, dnssec, checkingDisabled, authenticData, edns, bufsize, v, tries,
                ignoreTruncation, nsid, subnet, source);
    }

    public QueryOptions withTries(int v) {
        return new QueryOptions(recurse, tcp, dnssec, checkingDisabled, authenticData, edns, bufsize, timeout, v,
                ignoreTruncation, nsid, subnet, source);
    }

    public QueryOptions withIgnoreTruncation(boolean v) {
        return new QueryOptions(recurse, tcp, dnssec, checkingDisabled, authenticData, edns, bufsize, timeout, tries,
                v, nsid, subnet, source);
    }

    public QueryOptions withNsid(boolean v) {
        return new QueryOptions(recurse, tcp, dnssec, checkingDisabled, authenticData, edns, bufsize, timeout, tries,
                ignoreTruncation, v, subnet, source);
    }

    public QueryOptions withSubnet(String v) {
        return new QueryOptions(recurse, tcp, dnssec, checkingDisabled, authenticData, edns, bufsize, timeout, tries,
                ignoreTruncation, nsid, v, source);
    }

    public QueryOptions withSource(InetAddress v) {
        return new QueryOptions(recurse, tcp, dnssec, checkingDisabled, authenticData, edns, bufsize, timeout, tries,
                ignoreTruncation, nsid, subnet, v);
    }

    /** As BIND's dig: resolv.conf's {@code options attempts:N timeout:N} set the tries and the seconds per try. */
    public QueryOptions withResolvConf(dev.netkit.system.ResolvConf conf) {
        QueryOptions d = conf.attempts() > 0 ? withTries(conf.attempts()) : this;
        return conf.timeout() > 0 ? d.withTimeout(Duration.ofSeconds(conf.timeout())) : d;
    }
}
