package dev.netkit.lab;

import dev.netkit.lab.Daemons.Launch;
import dev.netkit.lab.Daemons.Socket;
import dev.netkit.lab.Topology.Host;
import dev.netkit.lab.Topology.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemons of the optional lab parts ({@link LabPart}): dnsmasq as the client LAN's DHCP server, busybox's
 * udhcpc as the DHCP client of host {@code dhcp}, and OpenSSH's sshd on the server. As every lab daemon they run in
 * the foreground in their host's namespace, with every file they write in the lab's state directory.
 */
final class PartDaemons {
    /** The DHCP pool's host numbers in the LAN's /24. */
    static final int POOL_FIRST = 100;
    static final int POOL_LAST = 199;

    private final Topology topology;
    private final Daemons daemons;

    PartDaemons(Topology topology, Daemons daemons) {
        this.topology = topology;
        this.daemons = daemons;
    }

    /** The router's IPv4 address on its LAN bridge, without the prefix length ({@code 198.18.1.1}). */
    private String lanAddress(Host router) {
        return topology.bridges().stream().filter(b -> b.host().equals(router.name()))
                .flatMap(b -> b.addresses().stream()).filter(a -> !a.contains(":"))
                .map(a -> a.substring(0, a.indexOf('/'))).findFirst().orElseThrow();
    }

    /** dnsmasq, DHCP only ({@code port=0}: no DNS), on the router's LAN bridge: address, gateway, DNS, domain. */
    Launch dhcpServer(Host router) {
        Path d = daemons.dir(router.name()).resolve("dnsmasq");
        String gateway = lanAddress(router);
        String net = gateway.substring(0, gateway.lastIndexOf('.') + 1);
        StringBuilder c = new StringBuilder("# netkit lab: DHCP on the client LAN (no DNS: port=0)\n");
        c.append("port=0\ninterface=").append(LabPart.LAN).append("\nbind-interfaces\n");
        c.append("dhcp-range=").append(net).append(POOL_FIRST).append(',').append(net).append(POOL_LAST)
                .append(",255.255.255.0,10m\n");
        c.append("dhcp-option=option:router,").append(gateway).append('\n');
        List<String> dns = new ArrayList<>();
        topology.hostsRunning(Service.RESOLVER).forEach(h -> topology.addresses(h.name()).stream()
                .filter(a -> !a.contains(":")).forEach(dns::add));
        if (!dns.isEmpty()) {
            c.append("dhcp-option=option:dns-server,").append(String.join(",", dns)).append('\n');
            c.append("dhcp-option=option:domain-name,netkit.test\n");
        }
        // no-ping: no ICMP check of an address before offering it, which would hold the OFFER back
        c.append("dhcp-authoritative\nno-ping\nlog-dhcp\nlog-facility=-\nno-resolv\nno-hosts\nuser=root\ngroup=root\n");
        c.append("dhcp-leasefile=").append(d.resolve("dnsmasq.leases")).append('\n');
        c.append("pid-file=").append(d.resolve("dnsmasq.pid")).append('\n');
        Path conf = d.resolve("dnsmasq.conf");
        Daemons.write(conf, c.toString());
        return new Launch(router.name(), Service.DHCP_SERVER,
                List.of(LabPackages.binary("dnsmasq"), "-k", "--conf-file=" + conf), d.resolve("stdout.log"),
                daemons.readiness(Service.DHCP_SERVER));
    }

    /** The file the DHCP client's script writes once the host has its lease: what up waits for. */
    Path lease(String host) {
        return daemons.dir(host).resolve("udhcpc").resolve("lease");
    }

    /** The DHCP client's pid file: {@code pkill -USR1 -F} it to renew, {@code -USR2} to release. */
    Path clientPidFile(String host) {
        return daemons.dir(host).resolve("udhcpc").resolve("udhcpc.pid");
    }

    /**
     * busybox udhcpc on eth0 in the foreground, one discover a second until it has a lease; its script applies the
     * lease (address, default route, resolv.conf, which {@code ip netns exec} binds from /etc/netns) and writes
     * {@link #lease}. SIGUSR1 renews, SIGUSR2 releases (a SIGUSR1 after a release starts over with a DISCOVER).
     */
    Launch dhcpClient(Host host) {
        Path d = daemons.dir(host.name()).resolve("udhcpc");
        Path script = d.resolve("udhcpc.script");
        String ip = LabPackages.binary("ip");
        Daemons.write(script, """
                #!/bin/sh
                # netkit lab: udhcpc runs this with deconfig, bound, renew, leasefail or nak; the lease is in the environment
                case "$1" in
                deconfig)
                    %1$s -4 addr flush dev "$interface"
                    %1$s link set "$interface" up
                    rm -f %2$s
                    ;;
                bound|renew)
                    [ "$1" = bound ] && %1$s -4 addr flush dev "$interface"
                    %1$s addr replace "$ip/$mask" brd + dev "$interface"
                    for r in $router; do %1$s route replace default via "$r" dev "$interface"; break; done
                    {
                        echo "# from DHCP server $serverid (netkit lab, udhcpc), lease $lease s"
                        for s in $dns; do echo "nameserver $s"; done
                        [ -n "$domain" ] && echo "search $domain"
                    } > /etc/resolv.conf
                    echo "$ip/$mask router=$router dns=$dns domain=$domain server=$serverid lease=$lease" > %2$s
                    ;;
                esac
                exit 0
                """.formatted(ip, lease(host.name())));
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Launch(host.name(), Service.DHCP_CLIENT, List.of(LabPackages.binary("busybox"), "udhcpc", "-f",
                "-i", "eth0", "-s", script.toString(), "-p", clientPidFile(host.name()).toString(), "-t", "30", "-T", "1",
                "-A", "1", "-x", "hostname:" + host.name()), d.resolve("stdout.log"), List.of(), lease(host.name()));
    }

    /** The ssh_config a lab client gives {@code ssh -F}: root with the lab's key, the server's host key known. */
    Path sshConfig(String host) {
        return daemons.dir(host).resolve("sshd").resolve("ssh_config");
    }

    /**
     * OpenSSH's sshd with its own config and an ed25519 host key made at up, both in the state dir, and a second key
     * pair for logging in as root (authorized_keys, ssh_config and known_hosts beside them, for {@code ssh -F}).
     * sshd needs its privilege separation directory /run/sshd, as Debian's own sshd does.
     */
    Launch sshd(Host host) {
        Path d = daemons.dir(host.name()).resolve("sshd");
        String fqdn = host.name() + ".netkit.test";
        List<String> names = new ArrayList<>(List.of(host.name(), fqdn));
        names.addAll(topology.addresses(host.name()));
        Daemons.write(d.resolve("sshd_config"), """
                # netkit lab: sshd of %1$s; host key and logins from this directory only
                Port 22
                ListenAddress 0.0.0.0
                ListenAddress ::
                HostKey %2$s/ssh_host_ed25519_key
                PidFile %2$s/sshd.pid
                AuthorizedKeysFile %2$s/authorized_keys
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                PrintMotd no
                PrintLastLog no
                UseDNS no
                Subsystem sftp internal-sftp
                """.formatted(fqdn, d));
        Daemons.write(sshConfig(host.name()), """
                # netkit lab: ssh -F %1$s %2$s
                Host %3$s
                  User root
                  IdentityFile %4$s/id_ed25519
                  IdentitiesOnly yes
                  UserKnownHostsFile %4$s/known_hosts
                  GlobalKnownHostsFile /dev/null
                  StrictHostKeyChecking yes
                """.formatted(sshConfig(host.name()), host.name(), String.join(" ", names), d));
        String keygen = LabPackages.binary("ssh-keygen");
        String script = """
                set -e
                d="$1"; mkdir -p /run/sshd
                "$2" -q -t ed25519 -N '' -C "$4 host key" -f "$d/ssh_host_ed25519_key"
                "$2" -q -t ed25519 -N '' -C "netkit lab login" -f "$d/id_ed25519"
                cp "$d/id_ed25519.pub" "$d/authorized_keys"
                printf '%s ' "$5" > "$d/known_hosts"; cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub" >> "$d/known_hosts"
                exec "$3" -D -e -f "$d/sshd_config"
                """;
        return new Launch(host.name(), Service.SSH, List.of(LabPackages.binary("sh"), "-c", script, "sshd-of-lab",
                d.toString(), keygen, LabPackages.binary("sshd"), fqdn, String.join(",", names)),
                d.resolve("stdout.log"), daemons.readiness(Service.SSH));
    }
}
