package dev.netkit.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Every DNS message of tcpdump's corpus (UDP or TCP, port 53 or 5353, as sniff's decoder picks them) read by
 * {@link DnsMessage} and by dnsjava: both accept it or both reject it, and they read the same names, types, classes
 * and TTLs (with the TC bit, both keep the records before the first error).
 */
class DnsMessageCorpusTest {
    @Test
    void agreesWithDnsjava() throws IOException {
        List<String> disagreements = new ArrayList<>();
        int messages = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(CorpusTest.corpus())) {
            files = s.sorted().toList();
        }
        for (Path file : files) {
            List<CaptureFiles.Packet> packets;
            try {
                packets = CaptureFiles.read(file);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (int n = 0; n < packets.size(); n++) {
                byte[] d = packets.get(n).data();
                Frame f = Frame.decode(packets.get(n).linkType(), d);
                int off = f.payloadOffset();
                int len = f.payloadLength();
                if (!f.complete() || len < 12 || !dnsPort(f)) {
                    continue;
                }
                if (f.tcp().isPresent()) {
                    off += 2;
                    len -= 2;
                    if (len < 12) {
                        continue;
                    }
                }
                messages++;
                String where = file.getFileName() + " #" + (n + 1);
                byte[] m = Arrays.copyOfRange(d, off, off + len);
                Message dj;
                try {
                    dj = new Message(m);
                } catch (IOException | RuntimeException e) {
                    dj = null;
                }
                DnsMessage ours;
                try {
                    ours = new DnsMessage(m, 0, m.length);
                } catch (MalformedPacketException e) {
                    ours = null;
                }
                if ((dj == null) != (ours == null)) {
                    disagreements.add(where + ": dnsjava " + (dj == null ? "rejects" : "accepts"));
                    continue;
                }
                if (dj != null && !same(dj, ours)) {
                    disagreements.add(where + ": different records");
                }
            }
        }
        assertTrue(messages > 50, "DNS messages in the corpus: " + messages);
        assertEquals(List.of(), disagreements);
    }

    private static boolean dnsPort(Frame f) {
        int[] ports = f.udp().map(u -> new int[] {u.sourcePort(), u.destinationPort()})
                .or(() -> f.tcp().map(t -> new int[] {t.sourcePort(), t.destinationPort()})).orElse(new int[0]);
        for (int p : ports) {
            if (p == 53 || p == 5353) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(Message dj, DnsMessage ours) {
        List<Record> q = dj.getSection(Section.QUESTION);
        if (q.size() != ours.questions().size()) {
            return false;
        }
        for (int i = 0; i < q.size(); i++) {
            DnsMessage.Question o = ours.questions().get(i);
            if (!q.get(i).getName().toString().equals(o.name()) || q.get(i).getType() != o.type()
                    || q.get(i).getDClass() != o.dclass()) {
                return false;
            }
        }
        for (int s = DnsMessage.ANSWER; s <= DnsMessage.ADDITIONAL; s++) {
            List<Record> r = dj.getSection(s);
            List<DnsMessage.ResourceRecord> o = ours.records(s);
            if (r.size() != o.size()) {
                return false;
            }
            for (int i = 0; i < r.size(); i++) {
                if (!r.get(i).getName().toString().equals(o.get(i).name()) || r.get(i).getType() != o.get(i).type()
                        || r.get(i).getDClass() != o.get(i).dclass() || r.get(i).getTTL() != o.get(i).ttl()) {
                    return false;
                }
            }
        }
        return true;
    }
}
