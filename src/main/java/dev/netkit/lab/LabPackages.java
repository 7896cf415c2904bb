package dev.netkit.lab;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.lab.Topology.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Debian packages the lab runs, found by their binaries and installed with apt-get when missing.
 * Installing never starts the packaged services in the root namespace (a policy-rc.d that says no).
 */
public final class LabPackages {
    static final String NGINX_STREAM_MODULE = "/usr/lib/nginx/modules/ngx_stream_module.so";
    private static final List<String> DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private LabPackages() {
    }

    /** The absolute path of a program in the usual system directories, or the bare name for PATH lookup. */
    public static String binary(String name) {
        for (String d : DIRS) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return name;
    }

    /** File that proves a package is installed -> the package, for what {@code topology} needs. */
    static Map<String, String> required(Topology topology) {
        Map<String, String> need = new LinkedHashMap<>();
        need.put("ip", "iproute2");
        need.put("setsid", "util-linux");
        // the hosts' UTS namespaces (HostNamespaces)
        need.put("unshare", "util-linux");
        need.put("nsenter", "util-linux");
        boolean nft = topology.hosts().stream().anyMatch(h -> !h.nftRules().isBlank());
        if (nft) {
            need.put("nft", "nftables");
        }
        for (Topology.Host h : topology.hosts()) {
            for (Service s : h.services()) {
                switch (s) {
                    case DNS_ROOT, DNS_TLD, DNS_AUTH -> {
                        need.put("nsd", "nsd");
                        // the zones are signed at up
                        need.put("ldns-keygen", "ldnsutils");
                        need.put("ldns-signzone", "ldnsutils");
                    }
                    case RESOLVER, RESOLVER2 -> need.put("unbound", "unbound");
                    case WEB -> {
                        need.put("nginx", "nginx");
                        need.put(NGINX_STREAM_MODULE, "libnginx-mod-stream");
                        need.put("openssl", "openssl");
                    }
                    case UDP_ECHO, WHOIS_ROOT, WHOIS -> need.put("socat", "socat");
                    case TIME -> need.put("xinetd", "xinetd");
                    case DHCP_SERVER -> need.put("dnsmasq", "dnsmasq-base");
                    case DHCP_CLIENT -> need.put("busybox", "busybox");
                    case RADVD -> need.put("radvd", "radvd");
                    case SLAAC -> need.put("ip", "iproute2");
                    case ZEBRA -> need.put(Ospf.ZEBRA, "frr");
                    case OSPF -> need.put(Ospf.OSPFD, "frr");
                    case OSPF6 -> need.put(Ospf.OSPF6D, "frr");
                    case DELAY_LINE -> need.put("ethtool", "ethtool");
                    case HOME_WEB -> need.put("nginx", "nginx");
                    case SSH -> {
                        need.put("sshd", "openssh-server");
                        need.put("ssh-keygen", "openssh-client");
                    }
                }
            }
        }
        return need;
    }

    /** The packages of {@code topology} that are not installed. */
    public static List<String> missing(Topology topology) {
        return missing(topology, f -> f.startsWith("/") ? Files.exists(Path.of(f)) : binary(f).startsWith("/"));
    }

    /** The packages of {@code topology} with a file (a program name or an absolute path) {@code present} denies. */
    static List<String> missing(Topology topology, java.util.function.Predicate<String> present) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : required(topology).entrySet()) {
            if (!present.test(e.getKey()) && !missing.contains(e.getValue())) {
                missing.add(e.getValue());
            }
        }
        return missing;
    }

    /** Installs what is missing; exit 5 naming the packages when apt-get cannot. */
    public static List<String> ensure(Topology topology) {
        return ensure(topology, step -> {
        });
    }

    /** As {@link #ensure(Topology)}; {@code steps} hears apt-get's steps ({@code Unpacking nsd (45%)}). */
    public static List<String> ensure(Topology topology, java.util.function.Consumer<String> steps) {
        return ensure(missing(topology), binary("apt-get"), () -> missing(topology), steps);
    }

    static List<String> ensure(List<String> missing, String aptGet, java.util.function.Supplier<List<String>> stillMissing) {
        return ensure(missing, aptGet, stillMissing, step -> {
        });
    }

    /**
     * One step of apt-get's machine-readable status ({@code APT::Status-Fd}: {@code pmstatus:nsd:45.4:Unpacking
     * nsd}) as {@code Unpacking nsd (45%)}; null for other lines.
     */
    static String step(String statusLine) {
        String[] f = statusLine.split(":", 4);
        if (f.length < 4 || !f[0].equals("pmstatus")) {
            return null;
        }
        try {
            return f[3].strip() + " (" + Math.round(Double.parseDouble(f[2])) + "%)";
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Installs {@code missing} with {@code aptGet}; {@code stillMissing} says what is missing afterwards. */
    static List<String> ensure(List<String> missing, String aptGet, java.util.function.Supplier<List<String>> stillMissing,
                               java.util.function.Consumer<String> steps) {
        if (missing.isEmpty()) {
            return missing;
        }
        String names = String.join(" ", missing);
        if (!aptGet.startsWith("/")) {
            throw new NetkitException(ExitCode.MISSING_COMPONENT,
                    "the lab needs these packages and there is no apt-get to install them: " + names);
        }
        // Packaged daemons must not start in the root namespace while installing: a policy-rc.d that says no.
        Path policy = Path.of("/usr/sbin/policy-rc.d");
        boolean madePolicy = false;
        try {
            if (!Files.exists(policy)) {
                Files.writeString(policy, "#!/bin/sh\n# netkit lab: no service starts while installing\nexit 101\n");
                Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rwxr-xr-x"));
                madePolicy = true;
            }
            Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
            List<String> install = new ArrayList<>(List.of(aptGet, "-o", "DPkg::Lock::Timeout=300",
                    "-o", "APT::Status-Fd=1", "-qq", "install", "-y", "--no-install-recommends"));
            install.addAll(missing);
            java.util.function.Consumer<String> status = line -> {
                String s = step(line);
                if (s != null) {
                    steps.accept(s);
                }
            };
            ExternalCommand.Result r = ExternalCommand.run(install, null, Duration.ofMinutes(10), env, status);
            if (!r.ok()) {
                ExternalCommand.run(List.of(aptGet, "-o", "DPkg::Lock::Timeout=300", "-qq", "update"),
                        null, Duration.ofMinutes(5), env);
                r = ExternalCommand.run(install, null, Duration.ofMinutes(10), env, status);
            }
            if (!r.ok() || !stillMissing.get().isEmpty()) {
                throw new NetkitException(ExitCode.MISSING_COMPONENT, "could not install " + names
                        + " (apt-get exit " + r.exitCode() + "): install them with 'sudo apt-get install " + names + "'");
            }
            return missing;
        } catch (IOException e) {
            throw new NetkitException(ExitCode.MISSING_COMPONENT, "could not install " + names + ": " + e.getMessage(), e);
        } catch (NetkitException e) {
            if (e.exitCode() == ExitCode.MISSING_COMPONENT) {
                throw e;
            }
            throw new NetkitException(ExitCode.MISSING_COMPONENT, "could not install " + names + ": " + e.getMessage(), e);
        } finally {
            if (madePolicy) {
                try {
                    Files.deleteIfExists(policy);
                } catch (IOException ignored) {
                    // best effort: it only stops services from starting during installs
                }
            }
        }
    }
}
