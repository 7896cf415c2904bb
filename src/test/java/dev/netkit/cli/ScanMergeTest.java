package dev.netkit.cli;

import dev.netkit.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netkit scan merge on shard files written here (NDJSON and nmap's XML, nothing sent): the union of the ports, one
 * host up when any file saw it up, the longest run; bad files refused with exit 2 in one line.
 */
class ScanMergeTest {
    @TempDir
    Path dir;

    static final String HOST = "{\"type\":\"host\",\"host\":\"198.18.10.10\",\"state\":\"up\",\"names\":[\"server.netkit.test\"]}\n";

    static String port(int port, String state, String reason) {
        return "{\"type\":\"port\",\"host\":\"198.18.10.10\",\"port\":" + port + ",\"proto\":\"tcp\",\"state\":\""
                + state + "\",\"reason\":\"" + reason + "\"}\n";
    }

    static String summary(double elapsed) {
        return "{\"type\":\"summary\",\"hosts_up\":1,\"hosts_total\":4,\"elapsed_s\":" + elapsed + "}\n";
    }

    Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void twoNdjsonShardsBecomeOneReport() throws Exception {
        Path a = file("a.ndjson", HOST + port(22, "open", "syn-ack") + port(9998, "closed", "reset") + summary(1.5));
        Path b = file("b.ndjson", HOST + port(80, "open", "syn-ack") + port(9999, "filtered", "no-response")
                + "{\"type\":\"host\",\"host\":\"198.18.10.11\",\"state\":\"up\"}\n" + summary(2.25));
        NetkitTest.Result r = NetkitTest.run("scan", "merge", "--json", a.toString(), b.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertEquals(List.of(HOST.strip(), port(22, "open", "syn-ack").strip().replace("}", ",\"service\":\"ssh\"}"),
                port(80, "open", "syn-ack").strip().replace("}", ",\"service\":\"http\"}"),
                port(9998, "closed", "reset").strip(), port(9999, "filtered", "no-response").strip(),
                "{\"type\":\"host\",\"host\":\"198.18.10.11\",\"state\":\"up\",\"names\":[]}",
                "{\"type\":\"summary\",\"hosts_up\":2,\"hosts_total\":4,\"elapsed_s\":2.25}"),
                r.out().lines().map(l -> l.replaceAll(",\"service\":\"(distinct32|abyss)\"", "")).toList());
    }

    @Test
    void xmlWrittenByMergeIsReadBackTheSame() throws Exception {
        Path a = file("a.ndjson", HOST + port(22, "open", "syn-ack") + port(9998, "closed", "reset") + summary(1.5));
        Path b = file("b.ndjson", HOST + port(80, "open", "syn-ack") + summary(1));
        Path xml = dir.resolve("m.xml");
        NetkitTest.Result r = NetkitTest.run("scan", "merge", "-oX", xml.toString(), a.toString(), b.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        String text = Files.readString(xml);
        assertTrue(text.contains("<port protocol=\"tcp\" portid=\"80\"><state state=\"open\" reason=\"syn-ack\""), text);
        assertTrue(text.contains("args=\"netkit scan merge -oX "), text);
        NetkitTest.Result back = NetkitTest.run("scan", "merge", xml.toString());
        assertEquals(ExitCode.OK, back.code(), back.err());
        assertEquals(r.out().lines().filter(l -> !l.startsWith("netkit done")).toList(),
                back.out().lines().filter(l -> !l.startsWith("netkit done")).toList());
        assertTrue(back.out().contains("22/tcp   open   ssh\n80/tcp   open   http\n9998/tcp closed"), back.out());
    }

    @Test
    void badFilesAreRefusedInOneLine() throws Exception {
        Path text = file("notes.txt", "hello\n");
        Path port = file("p.ndjson", "{\"type\":\"port\",\"host\":\"198.18.10.10\"}\n");
        Path truncated = file("t.xml", "<?xml version=\"1.0\"?>\n<nmaprun scanner=\"nmap\">\n<host>");
        Path other = file("o.xml", "<?xml version=\"1.0\"?>\n<html></html>\n");
        for (Path p : List.of(text, port, truncated, other, dir.resolve("missing.xml"))) {
            NetkitTest.Result r = NetkitTest.run("scan", "merge", p.toString());
            assertEquals(ExitCode.USAGE, r.code(), r.out() + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("netkit scan merge: " + p), r.err());
        }
        assertEquals(ExitCode.USAGE, NetkitTest.run("scan", "merge").code());
    }
}
