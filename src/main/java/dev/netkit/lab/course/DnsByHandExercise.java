package dev.netkit.lab.course;

import java.util.List;

/** Resolving by hand from the root (001-52 + 001-53): follow two referrals to the authoritative answer. */
final class DnsByHandExercise extends Exercise {
    DnsByHandExercise() {
        super("dns-by-hand", "Resolving by hand from the root", "001-52, 001-53",
                "Do the resolver's work yourself: ask the lab's root server (198.18.10.2) for server.netkit.test,"
                        + " then ask the server its referral names, and then the one that one names, until an"
                        + " authoritative server answers with the address. Confirm with dig +trace.",
                List.of("{lab} client -- netkit dig --json @198.18.10.2 server.netkit.test > {dir}/root.ndjson",
                        "{lab} client -- netkit dig @198.18.10.2 server.netkit.test    (read the AUTHORITY and"
                                + " ADDITIONAL sections: who to ask next?)",
                        "{lab} client -- netkit dig --json @ADDRESS server.netkit.test > {dir}/tld.ndjson"
                                + "    (ADDRESS: the server the root referred you to)",
                        "{lab} client -- netkit dig --json @ADDRESS server.netkit.test > {dir}/auth.ndjson"
                                + "    (ADDRESS: the server that one referred you to)",
                        "{lab} client -- netkit dig +trace server.netkit.test"),
                "The root (198.18.10.2) refers you to tld.netkit.test (198.18.10.3) for test.; the TLD server refers"
                        + " you to auth.netkit.test (198.18.10.4) for netkit.test.; auth answers server.netkit.test A"
                        + " 198.18.10.10 with the aa flag set (an authoritative answer).");
    }

    @Override
    public void check(Attempt a) {
        a.json("root.ndjson").ifPresent(lines -> a.expect(referral(lines, "198.18.10.2", "tld.netkit.test."),
                "the root (198.18.10.2) referred you to tld.netkit.test",
                "root.ndjson is not the root server's referral to tld.netkit.test",
                "ask @198.18.10.2 and save dig's --json output"));
        a.json("tld.ndjson").ifPresent(lines -> a.expect(referral(lines, "198.18.10.3", "auth.netkit.test."),
                "the TLD server (198.18.10.3) referred you to auth.netkit.test",
                "tld.ndjson is not a referral to auth.netkit.test from the server the root named",
                "ask the address the root's ADDITIONAL section gives for tld.netkit.test"));
        a.json("auth.ndjson").ifPresent(lines -> {
            boolean answer = responses(lines, "198.18.10.4").stream().anyMatch(r -> r.flag("AA")
                    && r.objects("answerRRs").stream().anyMatch(rr -> rr.text("NAME").equals("server.netkit.test.")
                    && rr.text("rdataA").equals("198.18.10.10")));
            a.expect(answer, "auth.netkit.test (198.18.10.4) answered 198.18.10.10 with the aa flag",
                    "auth.ndjson is not an authoritative answer (aa) from the server the TLD named",
                    "ask the address the TLD server's ADDITIONAL section gives for auth.netkit.test");
        });
    }

    private static List<JsonLine> responses(List<JsonLine> lines, String server) {
        return lines.stream().filter(l -> l.type().equals("response") && l.text("server").equals(server)
                && l.text("QNAME").equals("server.netkit.test.")).toList();
    }

    /** A response from {@code server} with no answer and an NS record naming {@code next} in its authority. */
    private static boolean referral(List<JsonLine> lines, String server, String next) {
        return responses(lines, server).stream().anyMatch(r -> r.objects("answerRRs").isEmpty()
                && r.objects("authorityRRs").stream().anyMatch(rr -> rr.text("rdataNS").equals(next)));
    }
}
