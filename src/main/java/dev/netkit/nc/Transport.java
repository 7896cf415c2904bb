package dev.netkit.nc;

/** The transport nc speaks: TCP streams or UDP datagrams. */
public enum Transport {
    TCP, UDP;

    /** "tcp" or "udp", as /etc/services and netcat's messages write it. */
    public String label() {
        return this == TCP ? "tcp" : "udp";
    }
}
