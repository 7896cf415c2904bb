package dev.netkit.lab.course;

import java.util.List;

/** The path and who owns each hop (000-40 + 000-43): the hops to the server, the silent one, and their ASes. */
final class PathOwnersExercise extends Exercise {
    PathOwnersExercise() {
        super("path-owners", "The path and who owns each hop", "000-40, 000-43",
                "Trace the path from the client to the server with the autonomous system of each hop. How many hops"
                        + " are there, which one stays silent and why does the trace go on past it, and which AS is"
                        + " each hop in?",
                List.of("{lab} client -- netkit trace --json --asn --asn-zone origin.asn.netkit.test"
                                + " server.netkit.test > {dir}/trace.ndjson",
                        "{lab} client -- netkit trace --asn --asn-zone origin.asn.netkit.test server.netkit.test"
                                + "    (read it)"),
                "4 hops: r1 (198.18.1.1, AS64501), r2 (198.18.2.2, AS64502), hop 3 silent (* * *: r3 forwards but"
                        + " sends no 'time exceeded'), then the server (198.18.10.10, AS64510). The trace goes on"
                        + " because a silent hop still forwards; only its answers are missing.");
    }

    @Override
    public void check(Attempt a) {
        a.json("trace.ndjson").ifPresent(lines -> {
            boolean reached = lines.stream().anyMatch(l -> l.type().equals("summary") && l.flag("reached")
                    && l.number("hops", 0) == 4 && l.text("address").equals("198.18.10.10"));
            a.expect(reached, "the trace reached the server (198.18.10.10) in 4 hops",
                    "trace.ndjson holds no trace that reached 198.18.10.10 in 4 hops",
                    "trace server.netkit.test from the client and save the --json output");
            List<JsonLine> third = probes(lines, 3);
            a.expect(!third.isEmpty() && third.stream().allMatch(p -> p.flag("timeout")),
                    "hop 3 stayed silent: every probe timed out", "trace.ndjson does not show hop 3 silent",
                    "trace the server from the client: the third hop is the one to look at");
            a.expect(asn(lines, 1) == 64501 && asn(lines, 2) == 64502 && asn(lines, 4) == 64510,
                    "the hops' ASes are 64501, 64502, (silent), 64510",
                    "trace.ndjson lacks the AS numbers of hops 1, 2 and 4",
                    "add --asn --asn-zone origin.asn.netkit.test (the lab's own origin zone)");
        });
    }

    private static List<JsonLine> probes(List<JsonLine> lines, int ttl) {
        return lines.stream().filter(l -> l.type().equals("hop") && l.number("ttl", 0) == ttl)
                .flatMap(l -> l.objects("probes").stream()).toList();
    }

    /** The AS of the first answered probe of hop {@code ttl}, or -1. */
    private static long asn(List<JsonLine> lines, int ttl) {
        return probes(lines, ttl).stream().filter(p -> p.has("asn")).mapToLong(p -> p.number("asn", -1)).findFirst()
                .orElse(-1);
    }
}
