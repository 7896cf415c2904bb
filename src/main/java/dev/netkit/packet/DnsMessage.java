package dev.netkit.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A DNS message over the bytes captured of it (RFC 1035 section 4.1): the header's fields, the questions and the
 * resource records of the three other sections, with their names decompressed (4.1.4) into presentation form and
 * their RDATA left in place for the accessors of the types a printer reads. Parsing follows dnsjava's
 * {@code Message(byte[])}, so that a printer can read a message through this view without dnsjava's class set-up
 * (its {@code Header} seeds a {@code SecureRandom}, its {@code Record} builds a {@code DecimalFormat}): a compression
 * pointer must point before itself (so a name can never loop), a name holds at most 255 bytes, a
 * label type other than a length or a pointer is an error, and so is a record cut by the capture. Errors throw
 * {@link MalformedPacketException} (a truncation where the capture ended).
 */
public final class DnsMessage {
    public static final int HEADER_LENGTH = 12;
    public static final int QUESTION = 0;
    public static final int ANSWER = 1;
    public static final int AUTHORITY = 2;
    public static final int ADDITIONAL = 3;
    private static final String PROTOCOL = "domain";
    private static final int MAX_NAME = 255;
    private static final int POINTER = 0xc0;
    public static final int A = 1;
    public static final int NS = 2;
    public static final int CNAME = 5;
    public static final int SOA = 6;
    public static final int PTR = 12;
    public static final int MX = 15;
    public static final int TXT = 16;
    public static final int AAAA = 28;
    public static final int SRV = 33;
    public static final int DNAME = 39;
    public static final int OPT = 41;

    /** A question: its name in presentation form ({@code www.example.} or {@code .}), type and class. */
    public record Question(String name, int type, int dclass) {
    }

    /**
     * A resource record; {@code rdata} is the offset of its RDATA in the message, {@code rdataLength} its length
     * (both captured).
     */
    public record ResourceRecord(String name, int type, int dclass, long ttl, int rdata, int rdataLength) {
    }

    private final MessageBytes bytes;
    private final List<Question> questions;
    private final List<List<ResourceRecord>> sections = new ArrayList<>(3);

    /** The message at {@code [offset, end)} of {@code buffer}, {@code end} clamped to what was captured. */
    public DnsMessage(byte[] buffer, int offset, int end) {
        bytes = new MessageBytes(PROTOCOL, buffer, offset, end);
        bytes.need(0, HEADER_LENGTH);
        questions = new ArrayList<>(Math.min(count(QUESTION), 64));
        for (int s = ANSWER; s <= ADDITIONAL; s++) {
            sections.add(new ArrayList<>(Math.min(count(s), 64)));
        }
        try {
            parse();
        } catch (MalformedPacketException e) {
            // as dnsjava: a message with the TC bit keeps the records before the error
            if (!truncated()) {
                throw e;
            }
        }
    }

    private void parse() {
        int at = HEADER_LENGTH;
        for (int i = 0; i < count(QUESTION); i++) {
            StringBuilder name = new StringBuilder();
            at = name(at, name);
            questions.add(new Question(name.toString(), bytes.u16At(at), bytes.u16At(at + 2)));
            at += 4;
        }
        for (int s = ANSWER; s <= ADDITIONAL; s++) {
            for (int i = 0; i < count(s); i++) {
                StringBuilder name = new StringBuilder();
                at = name(at, name);
                int rdLength = bytes.u16At(at + 8);
                bytes.need(at + 10, rdLength);
                ResourceRecord r = new ResourceRecord(name.toString(), bytes.u16At(at), bytes.u16At(at + 2),
                        bytes.u32At(at + 4), at + 10, rdLength);
                checkRdata(r);
                sections.get(s - ANSWER).add(r);
                at += 10 + rdLength;
            }
        }
    }

    /**
     * dnsjava reads the RDATA of the types it knows and rejects a message whose RDATA does not fill its length
     * exactly: the same here for the types a printer reads (A, AAAA, the name types, MX, SRV, SOA, TXT, OPT's
     * options).
     */
    private void checkRdata(ResourceRecord r) {
        int at = r.rdata();
        int end = at + r.rdataLength();
        int used = switch (r.type()) {
            case A -> at + 4;
            case AAAA -> at + 16;
            case NS, CNAME, PTR, DNAME -> nameEnd(at);
            case MX -> nameEnd(at + 2);
            case SRV -> nameEnd(at + 6);
            case SOA -> nameEnd(nameEnd(at)) + 20;
            case TXT -> {
                int i = at;
                while (i < end) {
                    i += 1 + bytes.byteAt(i);
                }
                yield i;
            }
            case OPT -> {
                int i = at;
                while (i < end) {
                    i += 4 + bytes.u16At(i + 2);
                }
                yield i;
            }
            default -> end;
        };
        if (used != end) {
            throw new MalformedPacketException(PROTOCOL, "invalid record length");
        }
    }

    public int id() {
        return bytes.u16At(0);
    }

    /** The 16 bits after the id: QR, opcode, AA, TC, RD, RA, Z, AD, CD and the rcode. */
    public int flags() {
        return bytes.u16At(2);
    }

    public boolean response() {
        return (flags() & 0x8000) != 0;
    }

    public int opcode() {
        return (flags() >> 11) & 0xf;
    }

    public boolean authoritative() {
        return (flags() & 0x0400) != 0;
    }

    public boolean truncated() {
        return (flags() & 0x0200) != 0;
    }

    public boolean recursionDesired() {
        return (flags() & 0x0100) != 0;
    }

    public boolean recursionAvailable() {
        return (flags() & 0x0080) != 0;
    }

    public boolean authenticData() {
        return (flags() & 0x0020) != 0;
    }

    public boolean checkingDisabled() {
        return (flags() & 0x0010) != 0;
    }

    /** The header's rcode (the low 4 bits; EDNS's extended bits are in the OPT record's TTL). */
    public int rcode() {
        return flags() & 0xf;
    }

    /** The header's count of {@code section} ({@link #QUESTION} to {@link #ADDITIONAL}). */
    public int count(int section) {
        return bytes.u16At(4 + 2 * section);
    }

    public List<Question> questions() {
        return questions;
    }

    /** The records of {@link #ANSWER}, {@link #AUTHORITY} or {@link #ADDITIONAL}. */
    public List<ResourceRecord> records(int section) {
        return sections.get(section - ANSWER);
    }

    /** The name at {@code at} of the message (a record's RDATA names: CNAME, NS, PTR, MX's after 2 bytes...). */
    public String nameAt(int at) {
        StringBuilder b = new StringBuilder();
        name(at, b);
        return b.toString();
    }

    /** Where the name at {@code at} ends in place (after its zero byte or its first pointer). */
    public int nameEnd(int at) {
        return name(at, new StringBuilder());
    }

    /** The message's captured length. */
    public int length() {
        return bytes.length();
    }

    public int byteAt(int at) {
        return bytes.byteAt(at);
    }

    public int u16At(int at) {
        return bytes.u16At(at);
    }

    public long u32At(int at) {
        return bytes.u32At(at);
    }

    public byte[] bytesAt(int at, int n) {
        return bytes.bytesAt(at, n);
    }

    /** An A or AAAA record's address (RDATA of 4 or 16 bytes). */
    public InetAddress address(ResourceRecord r) {
        if (r.rdataLength() != 4 && r.rdataLength() != 16) {
            throw new MalformedPacketException(PROTOCOL, "address of " + r.rdataLength() + " bytes");
        }
        try {
            return InetAddress.getByAddress(bytes.bytesAt(r.rdata(), r.rdataLength()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
        }
    }

    /**
     * Appends the name at {@code at} in presentation form and returns where it ends in place. Each pointer must
     * point before itself, as dnsjava demands: the walk only goes backwards, so it ends.
     */
    private int name(int at, StringBuilder b) {
        int end = -1;
        int cp = at;
        int labels = 0;
        int wire = 1; // the root's zero byte
        while (true) {
            int len = bytes.byteAt(cp);
            if ((len & POINTER) == POINTER) {
                int target = ((len & ~POINTER) << 8) | bytes.byteAt(cp + 1);
                if (target >= cp) {
                    throw new MalformedPacketException(PROTOCOL, "bad compression pointer at " + cp);
                }
                if (end < 0) {
                    end = cp + 2;
                }
                cp = target;
                continue;
            }
            if ((len & POINTER) != 0) {
                throw new MalformedPacketException(PROTOCOL, "bad label type at " + cp);
            }
            if (len == 0) {
                if (labels == 0) {
                    b.append('.');
                }
                return end < 0 ? cp + 1 : end;
            }
            labels++;
            wire += len + 1;
            if (wire > MAX_NAME) {
                throw new MalformedPacketException(PROTOCOL, "name longer than " + MAX_NAME + " bytes");
            }
            bytes.need(cp + 1, len);
            for (int i = cp + 1; i <= cp + len; i++) {
                label(b, bytes.byteAt(i));
            }
            b.append('.');
            cp += len + 1;
        }
    }

    /** One byte of a label as dnsjava's Name.toString writes it: RFC 1035 section 5.1's escapes. */
    private static void label(StringBuilder b, int c) {
        if (c <= 0x20 || c >= 0x7f) {
            b.append('\\');
            if (c < 100) {
                b.append('0');
            }
            if (c < 10) {
                b.append('0');
            }
            b.append(c);
        } else if (c == '"' || c == '(' || c == ')' || c == '.' || c == ';' || c == '\\' || c == '@' || c == '$') {
            b.append('\\').append((char) c);
        } else {
            b.append((char) c);
        }
    }
}
