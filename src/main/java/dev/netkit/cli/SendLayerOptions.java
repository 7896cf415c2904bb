package dev.netkit.cli;

import dev.netkit.NetkitException;
import dev.netkit.packet.ArpOperation;
import dev.netkit.packet.IpProtocol;
import dev.netkit.packet.Ipv4Option;
import dev.netkit.packet.Ipv6ExtensionHeader;
import dev.netkit.packet.MacAddress;
import dev.netkit.packet.VlanTag;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code netkit send} around IP and the transport: the link layer (802.1Q tags, MACs), ARP instead
 * of IP, IPv4 options and IPv6 extension headers; named as scapy's fields and hping3's, iputils ping's and arping's
 * options are. Each converts to the codec's value here, checked against its range.
 */
final class SendLayerOptions {
    private static final OptionRange VLAN_ID = OptionRange.whole(0, 4095);
    private static final OptionRange PRIORITY = OptionRange.whole(0, 7);
    private static final OptionRange OPTION_TYPE = OptionRange.whole(0, 255);
    private static final OptionRange SIXTEEN_BITS = OptionRange.whole(0, 65535);

    @Option(names = "--vlan", paramLabel = "ID", description = "Add an 802.1Q tag, VLAN id 0-4095; again for a "
            + "stacked tag (outermost first).")
    List<Integer> vlans = new ArrayList<>();

    @Option(names = "--vlan-prio", paramLabel = "N", description = "The priority (PCP, 0-7) of the tags (default 0).")
    int vlanPriority;

    @Option(names = "--hwsrc", paramLabel = "MAC", description = "Ethernet source MAC, and ARP's sender MAC "
            + "(default: the interface's).")
    String hwsrc;

    @Option(names = "--hwdst", paramLabel = "MAC", description = "Ethernet destination MAC, and ARP's target MAC "
            + "(default: the next hop's; broadcast for ARP requests).")
    String hwdst;

    @Option(names = "--arp", description = "ARP instead of IP: who-has DST, from --src (default: ours on the link).")
    boolean arp;

    @Option(names = "--arp-op", paramLabel = "OP", description = "The ARP opcode: who-has (1, the default), "
            + "is-at (2) or a number 1-65535.")
    String arpOp;

    @Option(names = "--gratuitous", description = "Gratuitous ARP for DST: sender and target address are DST "
            + "(arping -U; with --arp-op is-at, arping -A).")
    boolean gratuitous;

    @Option(names = {"--rroute", "--record-route"}, description = "IPv4 record route option, 9 slots (8 with "
            + "--router-alert), as hping3 -G and ping -R.")
    boolean recordRoute;

    @Option(names = "--ip-timestamp", paramLabel = "KIND", description = "IPv4 timestamp option: tsonly or tsandaddr "
            + "(as ping -T), with the slots that fit.")
    String ipTimestamp;

    @Option(names = "--router-alert", description = "Router alert, value 0: the IPv4 option (RFC 2113) or an IPv6 "
            + "hop-by-hop option (RFC 2711).")
    boolean routerAlert;

    @Option(names = "--hop-by-hop", paramLabel = "OPT", description = "An IPv6 hop-by-hop header with this option: "
            + "pad, router-alert[:N] or TYPE[:HEX]; again for more.")
    List<String> hopByHop = new ArrayList<>();

    @Option(names = "--dest-opt", paramLabel = "OPT", description = "An IPv6 destination options header with this "
            + "option (as --hop-by-hop); again for more.")
    List<String> destinationOptions = new ArrayList<>();

    @Option(names = "--frag6", description = "An IPv6 fragment header: --id (32 bits), --mf and --frag-offset fill "
            + "it (default: an atomic fragment, offset 0).")
    boolean fragmentHeader;

    /** True when ARP is sent instead of IP. */
    boolean arp() {
        return arp || gratuitous || arpOp != null;
    }

    /** True when any option of an IP datagram's headers is given. */
    boolean ipHeaders() {
        return recordRoute || ipTimestamp != null || routerAlert || !hopByHop.isEmpty()
                || !destinationOptions.isEmpty() || fragmentHeader;
    }

    List<VlanTag> vlanTags() {
        PRIORITY.check("--vlan-prio", vlanPriority);
        List<VlanTag> tags = new ArrayList<>();
        for (int id : vlans) {
            tags.add(new VlanTag(dev.netkit.packet.EtherType.VLAN, vlanPriority, false, VLAN_ID.check("--vlan", id)));
        }
        return tags;
    }

    MacAddress source() {
        return mac("--hwsrc", hwsrc);
    }

    MacAddress destination() {
        return mac("--hwdst", hwdst);
    }

    private static MacAddress mac(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw NetkitException.usage(option + " '" + text + "' is not a MAC address (six hex octets)");
        }
    }

    ArpOperation arpOperation() {
        if (arpOp == null) {
            return ArpOperation.REQUEST;
        }
        return switch (arpOp.toLowerCase(Locale.ROOT)) {
            case "who-has", "request" -> ArpOperation.REQUEST;
            case "is-at", "reply" -> ArpOperation.REPLY;
            default -> ArpOperation.valueOf(OptionRange.whole(1, 65535).check("--arp-op", number("--arp-op", arpOp)));
        };
    }

    /** The IPv4 options in order: router alert first (its 4 bytes fixed), then record route or timestamps. */
    List<Ipv4Option> ipv4Options() {
        if (recordRoute && ipTimestamp != null) {
            throw NetkitException.usage("choose one of --rroute and --ip-timestamp: each fills the 40 bytes of "
                    + "IPv4 options");
        }
        List<Ipv4Option> out = new ArrayList<>();
        int room = 40;
        if (routerAlert) {
            out.add(Ipv4Option.routerAlert(0));
            room -= 4;
        }
        if (recordRoute) {
            out.add(Ipv4Option.recordRoute(Math.min(9, (room - 3) / 4)));
        }
        if (ipTimestamp != null) {
            boolean addresses = switch (ipTimestamp.toLowerCase(Locale.ROOT)) {
                case "tsonly" -> false;
                case "tsandaddr" -> true;
                default -> throw NetkitException.usage("--ip-timestamp '" + ipTimestamp
                        + "': use tsonly or tsandaddr");
            };
            out.add(Ipv4Option.timestamp(addresses ? Ipv4Option.TIMESTAMPS_AND_ADDRESSES : Ipv4Option.TIMESTAMPS_ONLY,
                    (room - 4) / (addresses ? 8 : 4)));
        }
        return out;
    }

    /**
     * The IPv6 extension headers in RFC 8200's order: hop-by-hop, fragment, destination options (for the final
     * destination). Next-header fields are placeholders; the builder chains them.
     */
    List<Ipv6ExtensionHeader> ipv6Extensions(long id, boolean moreFragments, int fragmentOffset) {
        List<Ipv6ExtensionHeader> out = new ArrayList<>();
        List<String> hbh = new ArrayList<>(hopByHop);
        if (routerAlert) {
            hbh.add(0, "router-alert");
        }
        if (!hbh.isEmpty()) {
            out.add(Ipv6ExtensionHeader.HopByHopOptions.of(IpProtocol.IPV6_NONXT, options("--hop-by-hop", hbh)));
        }
        if (fragmentHeader) {
            out.add(new Ipv6ExtensionHeader.Fragment(IpProtocol.IPV6_NONXT, fragmentOffset, moreFragments, id));
        }
        if (!destinationOptions.isEmpty()) {
            out.add(Ipv6ExtensionHeader.DestinationOptions.of(IpProtocol.IPV6_NONXT,
                    options("--dest-opt", destinationOptions)));
        }
        return out;
    }

    /** pad (nothing but the header's padding), router-alert[:N], or TYPE[:HEX]. */
    private static List<Ipv6ExtensionHeader.Option> options(String option, List<String> texts) {
        List<Ipv6ExtensionHeader.Option> out = new ArrayList<>();
        for (String text : texts) {
            String[] parts = text.split(":", 2);
            String name = parts[0].toLowerCase(Locale.ROOT);
            if (name.equals("pad") && parts.length == 1) {
                continue;
            }
            if (name.equals("router-alert")) {
                int value = parts.length == 2 ? SIXTEEN_BITS.check(option + " router-alert", number(option, parts[1]))
                        : 0;
                out.add(new Ipv6ExtensionHeader.Option(Ipv6ExtensionHeader.Option.ROUTER_ALERT,
                        new byte[] {(byte) (value >>> 8), (byte) value}));
                continue;
            }
            int type = OPTION_TYPE.check(option + " type", number(option, parts[0]));
            byte[] data = parts.length == 2 ? hex(option, parts[1]) : new byte[0];
            if (data.length > 255) {
                throw NetkitException.usage(option + " " + text + ": an option holds at most 255 bytes, not "
                        + data.length);
            }
            out.add(new Ipv6ExtensionHeader.Option(type, data));
        }
        return out;
    }

    /** A decimal or 0x-prefixed hexadecimal number. */
    static int number(String option, String text) {
        try {
            return text.startsWith("0x") || text.startsWith("0X") ? Integer.parseInt(text.substring(2), 16)
                    : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw NetkitException.usage(option + " '" + text + "' is not a number or a known name");
        }
    }

    /** Hex bytes, spaces and colons allowed, an optional 0x. */
    static byte[] hex(String option, String text) {
        String h = text.replaceAll("[\\s:]", "");
        if (h.startsWith("0x") || h.startsWith("0X")) {
            h = h.substring(2);
        }
        if (h.length() % 2 != 0 || !h.matches("[0-9a-fA-F]*")) {
            throw NetkitException.usage(option + " '" + text + "' is not an even number of hex digits");
        }
        return HexFormat.of().parseHex(h);
    }
}
