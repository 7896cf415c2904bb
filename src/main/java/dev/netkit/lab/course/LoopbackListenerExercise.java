package dev.netkit.lab.course;

import java.util.List;

/**
 * The server nobody can reach (003-10 .. 003-13): a listener bound to 127.0.0.1 refuses every other host; the
 * fix is to bind to an address the clients reach. The check reads pc2's sockets now, as netkit sockets shows them.
 */
final class LoopbackListenerExercise extends Exercise {
    LoopbackListenerExercise() {
        super("loopback-listener", "The server nobody can reach", "003-10, 003-11, 003-12, 003-13",
                "A server on pc2 listens on port 5000, yet the client's connections are refused. Start it as"
                        + " below, see the refusal, find out from pc2's sockets why, then start it so that the"
                        + " client can connect, and leave it running.",
                List.of("in a second terminal: {lab} pc2 -- netkit nc -l -k 127.0.0.1 5000",
                        "{lab} client -- netkit nc -v -z -w 2 198.18.1.11 5000",
                        "{lab} pc2 -- netkit sockets -tln --json > {dir}/sockets.ndjson    (without --json to read:"
                                + " which address does it listen on?)",
                        "stop the server (Ctrl-C) and start it again so the client can reach it; leave it running",
                        "{lab} client -- netkit nc -v -z -w 2 198.18.1.11 5000"),
                "The server listened on 127.0.0.1:5000, the loopback address, which only pc2 itself can reach: the"
                        + " client's SYN got a reset at once (refused, not a timeout). Started as 'netkit nc -l -k"
                        + " 5000' it listens on 0.0.0.0 (every address of pc2), and the client's connection from"
                        + " 198.18.1.10 and an ephemeral port (32768-60999) is accepted.");
    }

    @Override
    public void check(Attempt a) {
        a.json("sockets.ndjson").ifPresent(lines -> a.expect(lines.stream().anyMatch(l -> listens(l)
                        && l.text("local_address").equals("127.0.0.1")),
                "pc2's sockets showed the server on 127.0.0.1:5000 (loopback only)",
                "sockets.ndjson shows no listener on 127.0.0.1:5000",
                "start the server on 127.0.0.1 first, and list pc2's TCP listening sockets then"));
        List<JsonLine> now = a.netkit("pc2", "sockets", "-tln");
        boolean reachable = now.stream().anyMatch(l -> listens(l) && List.of("0.0.0.0", "::", "198.18.1.11")
                .contains(l.text("local_address")));
        a.expect(reachable, "pc2 now listens on port 5000 on an address the client reaches",
                "pc2 has no listener on port 5000 that the client can reach now",
                "look at the address in the Local column: start the server on an address of pc2's LAN, or on all");
    }

    private static boolean listens(JsonLine l) {
        return l.type().equals("socket") && l.text("proto").equals("tcp") && l.text("state").equals("LISTEN")
                && l.number("local_port", 0) == 5000;
    }
}
