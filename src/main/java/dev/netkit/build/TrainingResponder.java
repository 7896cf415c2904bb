package dev.netkit.build;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A DNS responder on loopback for the start-up cache's training run (cli.Training): it answers every query
 * with a record made from the question, so the training exercises dig's whole path (query, guarded UDP,
 * parsing, text and JSON) without any network. Names starting with "nope." get NXDOMAIN.
 */
public final class TrainingResponder implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;

    private TrainingResponder(DatagramSocket socket) {
        this.socket = socket;
        this.thread = Thread.ofPlatform().daemon().name("training-dns").start(this::serve);
    }

    /** Starts answering on 127.0.0.1, on a port the kernel picks. */
    public static TrainingResponder start() throws IOException {
        return new TrainingResponder(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] answer = answer(new Message(Arrays.copyOf(buf, p.getLength())));
                socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                // closed, or a query it cannot parse: training goes on without it
            }
        }
    }

    static byte[] answer(Message q) throws IOException {
        Message m = new Message(q.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RA);
        if (q.getHeader().getFlag(Flags.RD)) {
            m.getHeader().setFlag(Flags.RD);
        }
        Record question = q.getQuestion();
        m.addRecord(question, Section.QUESTION);
        Name n = question.getName();
        long ttl = 300;
        Name target = Name.fromConstantString("server.netkit.test.");
        if (n.toString().startsWith("nope.")) {
            // as the lab's servers: the zone's SOA in the authority section (dig prints it; SOA's text is trained)
            m.getHeader().setRcode(Rcode.NXDOMAIN);
            Name zone = Name.fromConstantString("netkit.test.");
            m.addRecord(new SOARecord(zone, DClass.IN, 60, Name.fromConstantString("auth.netkit.test."),
                    Name.fromConstantString("hostmaster.netkit.test."), 1, 3600, 600, 86400, 60), Section.AUTHORITY);
        } else {
            if (n.toString().startsWith("www.")) {
                // as the lab's www: a CNAME chain before the records
                Name web = Name.fromConstantString("web.netkit.test.");
                m.addRecord(new CNAMERecord(n, DClass.IN, ttl, web), Section.ANSWER);
                m.addRecord(new CNAMERecord(web, DClass.IN, ttl, target), Section.ANSWER);
                n = target;
            }
            Record r = switch (question.getType()) {
                case Type.A -> new ARecord(n, DClass.IN, ttl, InetAddress.getByName("198.18.10.10"));
                case Type.AAAA -> new AAAARecord(n, DClass.IN, ttl, InetAddress.getByName("2001:db8:10::10"));
                case Type.PTR -> new PTRRecord(n, DClass.IN, ttl, target);
                case Type.MX -> new MXRecord(n, DClass.IN, ttl, 10, target);
                case Type.TXT -> new TXTRecord(n, DClass.IN, ttl, java.util.List.of("lab=training", "netkit"));
                default -> null;
            };
            if (r != null) {
                m.addRecord(r, Section.ANSWER);
            }
        }
        if (q.getOPT() != null) {
            m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        }
        return m.toWire(65535);
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
