package dev.netkit.lab.course;

import dev.netkit.lab.LabFault;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * One exercise per named fault of the lab (the troubleshooting demonstrations): switch the fault on, see its
 * symptom with a netkit command and save that, switch it off, and see the symptom gone. The check reads the
 * fault's state and both files. Adding a fault's exercise is one entry in {@link #ALL}; an entry whose fault does
 * not exist (yet) in {@link LabFault} is left out of the course.
 */
final class FaultExercise extends Exercise {
    private final String fault;
    private final Predicate<List<JsonLine>> broken;
    private final String brokenSeen;
    private final Predicate<List<JsonLine>> healthy;
    private final String healthySeen;
    private final String hint;

    /**
     * @param host    where the learner looks from
     * @param command the netkit command (without --json) whose output shows the symptom
     * @param broken  true when the output shows the symptom; {@code brokenSeen} says what it shows
     * @param healthy true when the output shows the fault gone; {@code healthySeen} says so
     * @param hint    how to see the symptom, when broken.ndjson does not show it
     */
    FaultExercise(String fault, String title, String task, String host, String command,
                  Predicate<List<JsonLine>> broken, String brokenSeen, Predicate<List<JsonLine>> healthy,
                  String healthySeen, String hint, String answer) {
        this(fault, title, task, host, command, "netkit " + command, broken, brokenSeen, healthy, healthySeen, hint,
                answer);
    }

    /**
     * {@code fixedCommand}: the whole command that saves fixed.ndjson, where the symptom's command would not end
     * once the fault is off (a capture that waits for packets nobody sends any more).
     */
    FaultExercise(String fault, String title, String task, String host, String command, String fixedCommand,
                  Predicate<List<JsonLine>> broken, String brokenSeen, Predicate<List<JsonLine>> healthy,
                  String healthySeen, String hint, String answer) {
        super("fault-" + fault, title, "lab fault " + fault, task,
                List.of("sudo netkit lab fault" + "{name} " + fault + " on",
                        "{lab} " + host + " -- netkit " + command + " --json > {dir}/broken.ndjson",
                        "{lab} " + host + " -- netkit " + command + "    (read it: what is wrong?)",
                        "sudo netkit lab fault" + "{name} " + fault + " off",
                        "{lab} " + host + " -- " + fixedCommand + " --json > {dir}/fixed.ndjson"),
                answer);
        this.fault = fault;
        this.broken = broken;
        this.brokenSeen = brokenSeen;
        this.healthy = healthy;
        this.healthySeen = healthySeen;
        this.hint = hint;
    }

    /** The name of the fault ("dns-down"). */
    String fault() {
        return fault;
    }

    @Override
    public void check(Attempt a) {
        a.json("broken.ndjson").ifPresent(lines -> a.expect(broken.test(lines), "with the fault on: " + brokenSeen,
                "broken.ndjson does not show the symptom of " + fault, hint));
        a.json("fixed.ndjson").ifPresent(lines -> a.expect(healthy.test(lines), "with the fault off: " + healthySeen,
                "fixed.ndjson still shows the symptom of " + fault,
                "switch the fault off, then run the command again into fixed.ndjson"));
        a.expect(!a.faultOn(fault), "the fault is off again", "the fault " + fault + " is still on",
                "switch it off: sudo netkit lab fault " + fault + " off");
    }

    private static Predicate<List<JsonLine>> any(Predicate<JsonLine> p) {
        return lines -> lines.stream().anyMatch(p);
    }

    private static boolean answered(JsonLine response) {
        return response.type().equals("response") && response.text("RCODE").equals("0")
                && !response.objects("answerRRs").isEmpty();
    }

    private static boolean timedOut(JsonLine l) {
        return l.type().equals("error") && l.text("error").equals("timeout");
    }

    private static Predicate<List<JsonLine>> pingSummary(Predicate<JsonLine> p) {
        return any(l -> l.type().equals("summary") && p.test(l));
    }

    /** The probes of hop {@code ttl} in a trace's output. */
    private static List<JsonLine> hop(List<JsonLine> lines, int ttl) {
        return lines.stream().filter(l -> l.type().equals("hop") && l.number("ttl", 0) == ttl)
                .flatMap(l -> l.objects("probes").stream()).toList();
    }

    private static final String DIG = "dig +tries=1 +time=2 server.netkit.test";
    private static final String DIG4 = "dig +tries=1 +time=1 server.netkit.test www.netkit.test pc2.netkit.test"
            + " pc3.netkit.test";

    /** Every fault's exercise, in the order of {@link LabFault}'s faults where they exist. */
    static final List<FaultExercise> ALL = List.of(
            new FaultExercise("dns-down", "Names stop resolving",
                    "Suddenly no name resolves, though addresses still work. Switch the fault on, show with dig that"
                            + " the resolver (198.18.10.53) does not answer at all, then switch it off and show the"
                            + " answer is back.",
                    "client", DIG, any(FaultExercise::timedOut), "dig got no answer from the resolver (timeout)",
                    any(FaultExercise::answered), "dig got its answer", "run dig while the fault is on: it times out",
                    "The resolver drops every DNS query: dig waits and reports 'no servers could be reached'. Ping"
                            + " 198.18.10.53 still answers, so the host is up and only DNS is broken."),
            new FaultExercise("dns-slow", "Names resolve slowly, or sometimes not",
                    "Lookups sometimes take long. Switch the fault on, ask for four names with one try each and see"
                            + " some go unanswered (a resolver with retries would take a second longer), then switch"
                            + " it off and see all four answered.",
                    "client", DIG4, lines -> lines.stream().anyMatch(FaultExercise::timedOut)
                            && lines.stream().anyMatch(FaultExercise::answered),
                    "some of the four queries went unanswered, the others were answered",
                    lines -> lines.stream().filter(FaultExercise::answered).count() == 4
                            && lines.stream().noneMatch(FaultExercise::timedOut),
                    "all four queries were answered", "ask for four names with +tries=1 in one dig",
                    "The resolver drops every other query: with one try some lookups fail, with retries each lost"
                            + " query costs a timeout. Slow DNS looks like a slow network to users."),
            new FaultExercise("pmtu-blackhole", "Big packets vanish",
                    "Small packets cross the lab but big ones with 'don't fragment' vanish without a word. Switch the"
                            + " fault on, send full-size DF pings to the server and see that no 'fragmentation"
                            + " needed' comes back, then switch it off and see r1 report the MTU again.",
                    "client", "ping -M do -s 1472 -c 2 198.18.10.10",
                    pingSummary(l -> l.number("received", -1) == 0 && l.number("errors", -1) == 0),
                    "no reply and no error: the packets vanished (a black hole)",
                    any(l -> l.type().equals("error") && l.number("mtu", 0) == 1400),
                    "r1 reports 'fragmentation needed' with mtu 1400 again",
                    "send pings of 1472 bytes with -M do (don't fragment) while the fault is on",
                    "r1 and r2 filter their ICMP 'fragmentation needed' over the MTU 1400 link, so a sender never"
                            + " learns to send smaller packets: small packets pass, big DF ones vanish."),
            new FaultExercise("duplicate-ip", "Two hosts, one address",
                    "The client's connections break now and then. Switch the fault on, ask from pc3 who has the"
                            + " client's address 198.18.1.10 and see two different MACs answer, then switch it off"
                            + " and see one.",
                    "pc3", "arp scan 198.18.1.10",
                    lines -> lines.stream().filter(l -> l.type().equals("neighbor")
                            && l.text("ip").equals("198.18.1.10")).map(l -> l.text("mac")).distinct().count() >= 2,
                    "two MACs answered for 198.18.1.10",
                    lines -> lines.stream().filter(l -> l.type().equals("neighbor")
                            && l.text("ip").equals("198.18.1.10")).map(l -> l.text("mac")).distinct().toList()
                            .equals(List.of("02:6e:6b:01:00:0a")), "only the client (02:6e:6b:01:00:0a) answered",
                    "ARP-scan 198.18.1.10 from another host of the LAN while the fault is on",
                    "pc2 (02:6e:6b:01:00:0b) also claims 198.18.1.10: two ARP replies with different MACs, and"
                            + " neighbours send the client's traffic to whichever answered last."),
            new FaultExercise("wrong-netmask", "The server seems to be on the LAN",
                    "The client reaches its LAN but not the server. Switch the fault on, look at the client's"
                            + " address and prefix, then switch it off and see the right prefix back.",
                    "client", "ifaces eth0",
                    any(l -> l.objects("address_details").stream().anyMatch(d -> d.text("address")
                            .equals("198.18.1.10") && d.number("prefix", 0) == 16)), "the client has 198.18.1.10/16",
                    any(l -> l.objects("address_details").stream().anyMatch(d -> d.text("address")
                            .equals("198.18.1.10") && d.number("prefix", 0) == 24)), "the client has 198.18.1.10/24",
                    "look at the client's eth0 while the fault is on",
                    "With /16 the client thinks 198.18.10.10 is on its own LAN, so it ARPs for the server instead of"
                            + " sending to its gateway r1, and nobody answers."),
            new FaultExercise("wrong-lan", "pc2 has vanished",
                    "pc2 no longer answers anyone on the client LAN. Switch the fault on, ping pc2 from the client"
                            + " and see nothing come back, then switch it off and see pc2 answer again.",
                    "client", "ping -c 2 198.18.1.11", pingSummary(l -> l.number("received", -1) == 0),
                    "pc2 did not answer", pingSummary(l -> l.number("received", 0) > 0), "pc2 answered",
                    "ping 198.18.1.11 from the client while the fault is on",
                    "pc2's cable is in the server LAN's switch: its address belongs to the client LAN, so nobody"
                            + " there hears its ARP, and the client's ARP requests never reach it."),
            new FaultExercise("icmp-ratelimit", "A hop shows stars",
                    "A trace to the server shows stars at one hop although the path works. Switch the fault on,"
                            + " trace to the server and find the hop, then switch it off and see all its answers.",
                    "client", "trace -n 198.18.10.10",
                    lines -> hop(lines, 2).stream().anyMatch(p -> p.flag("timeout")),
                    "hop 2 (r2) left probes unanswered",
                    lines -> !hop(lines, 2).isEmpty() && hop(lines, 2).stream().noneMatch(p -> p.flag("timeout")),
                    "hop 2 (r2) answered every probe", "trace the server while the fault is on",
                    "r2 sends at most one ICMP error a second: of the three probes of hop 2 only the first is"
                            + " answered. Stars at a hop whose later hops answer mean a rate limit, not a loss."),
            new FaultExercise("asymmetric-route", "The way back is not the way there",
                    "Replies from the server come back one hop shorter than the way there. Switch the fault on,"
                            + " ping the server and read the TTL of its replies, then switch it off and see the TTL"
                            + " of a path through r1, r2 and r3 again.",
                    "client", "ping -c 2 198.18.10.10", any(l -> replyTtl(l) == 62),
                    "the replies arrive with TTL 62: one router fewer on the way back",
                    lines -> lines.stream().anyMatch(l -> replyTtl(l) == 61)
                            && lines.stream().noneMatch(l -> replyTtl(l) == 62),
                    "the replies arrive with TTL 61 again: back through r3, r2 and r1",
                    "ping the server while the fault is on and look at the ttl of each reply",
                    "r3 sends the replies to the client LAN over a direct link to r1, so they skip r2: the server"
                            + " starts them at TTL 64, and 64 - 2 routers = 62 instead of 61. A trace only shows the"
                            + " way there; the TTL of the answers (or a trace from the other end) shows the way back."),
            new FaultExercise("chatter", "Who is talking on the LAN?",
                    "The client LAN carries traffic nobody asked for. Switch the fault on, capture UDP on the"
                            + " client and name the protocols and the hosts that send them, then switch it off and"
                            + " capture for ten seconds to see the LAN quiet.",
                    "client", "sniff -c 12 -n -i eth0 udp", "timeout -s INT 10 netkit sniff -n -i eth0 udp",
                    lines -> lines.stream().map(FaultExercise::chatterPort).filter(p -> p > 0).distinct().count() >= 3,
                    "mDNS, SSDP, LLMNR or DHCP from the LAN's talkers: at least three of them",
                    lines -> lines.stream().anyMatch(l -> l.type().equals("summary"))
                            && lines.stream().noneMatch(l -> chatterPort(l) > 0),
                    "ten seconds without any of them", "capture UDP on the client's eth0 while the fault is on",
                    "pc2 sends mDNS (5353) and SSDP (1900), pc3 LLMNR (5355) and DHCP discovers (67), all to"
                            + " multicast or broadcast: every host of the LAN receives them, and no router forwards"
                            + " them. A second switch sends spanning-tree BPDUs."));

    /** The TTL of a ping reply line, or -1. */
    private static long replyTtl(JsonLine l) {
        return l.type().equals("reply") ? l.number("ttl", -1) : -1;
    }

    /** The destination port of a captured packet of the chatter fault's protocols, or 0. */
    private static long chatterPort(JsonLine l) {
        long port = l.type().equals("packet") ? l.object("udp").number("dport", 0) : 0;
        return port == 5353 || port == 1900 || port == 5355 || port == 67 ? port : 0;
    }

    /** The entries whose fault exists. */
    static List<FaultExercise> available() {
        List<String> faults = Arrays.stream(LabFault.values()).map(LabFault::label).toList();
        return ALL.stream().filter(e -> faults.contains(e.fault)).toList();
    }
}
