package dev.netkit.packet;

import static dev.netkit.packet.Vectors.v4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ipv4FragmentationTest {

    /** A UDP datagram of {@code total} bytes from the lab client to the server, with recognisable payload. */
    static byte[] datagram(int total, int id, byte[] options) {
        byte[] payload = new byte[total - 20 - options.length - 8];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7 + id);
        }
        return PacketBuilder.ip().ipv4(v4("198.18.1.10"), v4("198.18.10.10")).identification(id).ipv4Options(options)
                .udp(40000, 7, payload).build();
    }

    @Test
    void fragmentSplitsAtMultiplesOf8() {
        // Like Linux sending 1500 bytes over the lab's 576-byte path: 552 + 552 + 376 payload bytes.
        byte[] d = datagram(1500, 0x4e4b, new byte[0]);
        List<byte[]> fragments = Ipv4Fragmenter.fragment(d, 576);
        assertEquals(3, fragments.size());
        int[] offsets = {0, 69, 138};
        int[] lengths = {572, 572, 396};
        for (int i = 0; i < 3; i++) {
            Ipv4Packet p = Ipv4Packet.newChecked(fragments.get(i));
            assertEquals(offsets[i], p.fragmentOffset());
            assertEquals(lengths[i], p.totalLength());
            assertEquals(i < 2, p.moreFragments());
            assertEquals(0x4e4b, p.identification());
            assertTrue(p.checksumValid());
            assertTrue(fragments.get(i).length <= 576);
        }
        Frame first = Frame.decode(LinkType.RAW, fragments.get(0));
        assertEquals(7, first.udp().orElseThrow().destinationPort());
        assertTrue(Frame.decode(LinkType.RAW, fragments.get(1)).udp().isEmpty());
    }

    @Test
    void onlyCopiedOptionsGoIntoLaterFragments() {
        // Record route (7, not copied) with room for one address, router alert (148, copied).
        byte[] options = Vectors.hex("07 07 04 00000000 94 04 0000 00");
        byte[] d = datagram(300, 1, options);
        List<byte[]> fragments = Ipv4Fragmenter.fragment(d, 100);
        assertArrayEquals(options, Ipv4Packet.newChecked(fragments.get(0)).options());
        for (byte[] f : fragments.subList(1, fragments.size())) {
            assertArrayEquals(Vectors.hex("94040000"), Ipv4Packet.newChecked(f).options());
        }
        Ipv4Reassembler r = new Ipv4Reassembler();
        Optional<byte[]> whole = Optional.empty();
        for (byte[] f : fragments) {
            whole = r.offer(f, 0);
        }
        Vectors.assertRebuilds("reassembled with options", d, whole.orElseThrow());
    }

    @Test
    void fitsOrDontFragment() {
        byte[] small = datagram(100, 2, new byte[0]);
        assertEquals(1, Ipv4Fragmenter.fragment(small, 1500).size());
        assertArrayEquals(small, Ipv4Fragmenter.fragment(small, 100).get(0));
        byte[] df = PacketBuilder.ip().ipv4(v4("198.18.1.10"), v4("198.18.10.10")).dontFragment(true)
                .udp(1, 2, new byte[1400]).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Fragmenter.fragment(df, 1400));
        assertEquals("IPv4 datagram of 1428 bytes has DF set and does not fit MTU 1400", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ipv4Fragmenter.fragment(small, 67));
        MalformedPacketException m = assertThrows(MalformedPacketException.class,
                () -> Ipv4Fragmenter.fragment(java.util.Arrays.copyOf(small, 60), 68));
        assertEquals("IPv4: total length 100 exceeds the 60 bytes captured", m.getMessage());
    }

    @Test
    void reassembleInAnyOrderWithDuplicates() {
        byte[] d = datagram(4000, 3, new byte[0]);
        List<byte[]> fragments = new ArrayList<>(Ipv4Fragmenter.fragment(d, 1400));
        fragments.add(fragments.get(1).clone());
        for (long seed = 0; seed < 5; seed++) {
            Collections.shuffle(fragments, new Random(seed));
            Ipv4Reassembler r = new Ipv4Reassembler();
            List<byte[]> done = new ArrayList<>();
            for (byte[] f : fragments) {
                r.offer(f, 0).ifPresent(done::add);
            }
            assertEquals(1, done.size(), "seed " + seed);
            Vectors.assertRebuilds("reassembled, seed " + seed, d, done.get(0));
        }
    }

    @Test
    void unfragmentedPassesThrough() {
        byte[] d = datagram(100, 4, new byte[0]);
        assertArrayEquals(d, new Ipv4Reassembler().offer(d, 0).orElseThrow());
    }

    @Test
    void keyedBySourceDestinationProtocolAndId() {
        byte[] a = datagram(3000, 5, new byte[0]);
        byte[] b = datagram(3000, 6, new byte[0]);
        List<byte[]> fa = Ipv4Fragmenter.fragment(a, 1000);
        List<byte[]> fb = Ipv4Fragmenter.fragment(b, 1000);
        Ipv4Reassembler r = new Ipv4Reassembler();
        List<byte[]> done = new ArrayList<>();
        for (int i = 0; i < fa.size(); i++) {
            r.offer(fa.get(i), 0).ifPresent(done::add);
            r.offer(fb.get(i), 0).ifPresent(done::add);
        }
        assertEquals(2, done.size());
        assertArrayEquals(a, done.get(0));
        assertArrayEquals(b, done.get(1));
        assertEquals(0, r.pending());
    }

    @Test
    void overlapWithDifferentBytesDiscardsTheDatagram() {
        byte[] d = datagram(2000, 7, new byte[0]);
        List<byte[]> f = Ipv4Fragmenter.fragment(d, 1000);
        byte[] evil = f.get(1).clone();
        evil[evil.length - 1] ^= 0x55;
        Ipv4Reassembler r = new Ipv4Reassembler();
        assertTrue(r.offer(f.get(1), 0).isEmpty());
        assertTrue(r.offer(evil, 0).isEmpty());
        assertEquals(1, r.discarded());
        assertEquals(0, r.pending());
        for (byte[] x : f.subList(0, 1)) {
            assertTrue(r.offer(x, 0).isEmpty(), "the rest alone does not complete it");
        }
    }

    @Test
    void disagreeingEndDiscardsTheDatagram() {
        byte[] d = datagram(2000, 8, new byte[0]);
        List<byte[]> f = Ipv4Fragmenter.fragment(d, 1000);
        byte[] last = f.get(f.size() - 1);
        Ipv4Header h = Ipv4Header.parse(Ipv4Packet.newChecked(last));
        byte[] shorter = java.util.Arrays.copyOf(last, last.length - 8);
        h.withFlags(0, h.fragmentOffset(), shorter.length).emit(shorter, 0);
        Ipv4Reassembler r = new Ipv4Reassembler();
        r.offer(last, 0);
        assertTrue(r.offer(shorter, 0).isEmpty());
        assertEquals(1, r.discarded());
    }

    @Test
    void tooLongDatagramIsDiscarded() {
        // Ping of death: a last fragment at offset 65528 carrying 100 bytes.
        byte[] f = datagram(128, 9, new byte[0]);
        Ipv4Header h = Ipv4Header.parse(Ipv4Packet.newChecked(f));
        h.withFlags(0, 8191, f.length).emit(f, 0);
        Ipv4Reassembler r = new Ipv4Reassembler();
        assertTrue(r.offer(f, 0).isEmpty());
        assertEquals(1, r.discarded());
        assertEquals(0, r.pending());
    }

    @Test
    void incompleteDatagramTimesOut() {
        byte[] d = datagram(2000, 10, new byte[0]);
        List<byte[]> f = Ipv4Fragmenter.fragment(d, 1000);
        Ipv4Reassembler r = new Ipv4Reassembler(Duration.ofSeconds(30), 4);
        assertTrue(r.offer(f.get(0), 1_000).isEmpty());
        assertEquals(1, r.pending());
        assertTrue(r.expire(30_000).isEmpty());
        List<Ipv4Reassembler.Key> expired = r.expire(31_001);
        assertEquals(List.of(new Ipv4Reassembler.Key(v4("198.18.1.10"), v4("198.18.10.10"), IpProtocol.UDP, 10)), expired);
        assertEquals(0, r.pending());
        assertTrue(r.offer(f.get(1), 31_002).isEmpty(), "the late fragment starts a new, incomplete datagram");
    }

    @Test
    void oldestIsEvictedWhenFull() {
        Ipv4Reassembler r = new Ipv4Reassembler(Duration.ofSeconds(30), 2);
        List<List<byte[]>> three = List.of(Ipv4Fragmenter.fragment(datagram(1500, 11, new byte[0]), 1000),
                Ipv4Fragmenter.fragment(datagram(1500, 12, new byte[0]), 1000),
                Ipv4Fragmenter.fragment(datagram(1500, 13, new byte[0]), 1000));
        for (List<byte[]> f : three) {
            r.offer(f.get(0), 0);
        }
        assertEquals(2, r.pending());
        assertEquals(1, r.discarded());
        assertTrue(r.offer(three.get(0).get(1), 0).isEmpty(), "id 11 was evicted");
        assertTrue(r.offer(three.get(2).get(1), 0).isPresent());
    }

    @Test
    void malformedFragment() {
        byte[] f = datagram(33, 14, new byte[0]);
        Ipv4Header h = Ipv4Header.parse(Ipv4Packet.newChecked(f));
        h.withFlags(Ipv4Header.FLAG_MORE_FRAGMENTS, 0, f.length).emit(f, 0);
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> new Ipv4Reassembler().offer(f, 0));
        assertEquals("IPv4: fragment with MF set carries 13 bytes, not a multiple of 8", e.getMessage());
    }

    @Test
    void fragmentsOfAFragmentReassemble() {
        byte[] d = datagram(3000, 15, new byte[0]);
        List<byte[]> coarse = Ipv4Fragmenter.fragment(d, 1500);
        List<byte[]> fine = new ArrayList<>();
        for (byte[] f : coarse) {
            fine.addAll(Ipv4Fragmenter.fragment(f, 600));
        }
        assertTrue(fine.size() > coarse.size());
        Ipv4Reassembler r = new Ipv4Reassembler();
        Optional<byte[]> whole = Optional.empty();
        for (byte[] f : fine) {
            whole = r.offer(f, 0);
            assertFalse(whole.isPresent() && f != fine.get(fine.size() - 1));
        }
        Vectors.assertRebuilds("twice fragmented", d, whole.orElseThrow());
    }
}
