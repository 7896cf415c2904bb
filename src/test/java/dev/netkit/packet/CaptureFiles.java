package dev.netkit.packet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny test-side reader of pcap and pcapng files, only to feed hostile captures to the decoders. It stops
 * at the first record that does not fit the file. The real reader is the capture layer's.
 */
final class CaptureFiles {
    private CaptureFiles() {
    }

    record Packet(LinkType linkType, byte[] data) {
    }

    static List<Packet> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.remaining() < 24) {
            return List.of();
        }
        int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == 0x0a0d0d0a) {
            return pcapng(b);
        }
        return pcap(b);
    }

    private static List<Packet> pcap(ByteBuffer b) {
        List<Packet> out = new ArrayList<>();
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (Integer.reverseBytes(magic) == 0xa1b2c3d4 || Integer.reverseBytes(magic) == 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
        } else {
            return out;
        }
        LinkType link = LinkType.valueOf(b.getInt(20) & 0xffff);
        int at = 24;
        while (at + 16 <= b.limit()) {
            int caplen = b.getInt(at + 8);
            if (caplen < 0 || caplen > b.limit() - at - 16) {
                break;
            }
            byte[] data = new byte[caplen];
            b.get(at + 16, data);
            out.add(new Packet(link, data));
            at += 16 + caplen;
        }
        return out;
    }

    private static List<Packet> pcapng(ByteBuffer b) {
        List<Packet> out = new ArrayList<>();
        Map<Integer, LinkType> interfaces = new HashMap<>();
        int at = 0;
        while (at + 12 <= b.limit()) {
            int type = b.order(ByteOrder.BIG_ENDIAN).getInt(at);
            if (type == 0x0a0d0d0a) {
                int bom = b.getInt(at + 8);
                b.order(bom == 0x1a2b3c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                interfaces.clear();
            }
            type = b.getInt(at);
            int length = b.getInt(at + 4);
            if (length < 12 || length > b.limit() - at) {
                break;
            }
            int body = at + 8;
            int bodyEnd = at + length - 4;
            switch (type) {
                case 1 -> {
                    if (body + 2 <= bodyEnd) {
                        interfaces.put(interfaces.size(), LinkType.valueOf(b.getShort(body) & 0xffff));
                    }
                }
                case 6 -> {
                    if (body + 20 <= bodyEnd) {
                        int caplen = b.getInt(body + 12);
                        if (caplen >= 0 && caplen <= bodyEnd - body - 20) {
                            out.add(packet(b, interfaces.getOrDefault(b.getInt(body), LinkType.ETHERNET), body + 20,
                                    caplen));
                        }
                    }
                }
                case 3 -> {
                    if (body + 4 <= bodyEnd) {
                        int caplen = Math.min(bodyEnd - body - 4, Math.max(0, b.getInt(body)));
                        out.add(packet(b, interfaces.getOrDefault(0, LinkType.ETHERNET), body + 4, caplen));
                    }
                }
                case 2 -> {
                    if (body + 20 <= bodyEnd) {
                        int caplen = b.getInt(body + 12);
                        if (caplen >= 0 && caplen <= bodyEnd - body - 20) {
                            out.add(packet(b, interfaces.getOrDefault(b.getShort(body) & 0xffff, LinkType.ETHERNET),
                                    body + 20, caplen));
                        }
                    }
                }
                default -> {
                }
            }
            at += length;
        }
        return out;
    }

    private static Packet packet(ByteBuffer b, LinkType link, int offset, int length) {
        byte[] data = new byte[length];
        b.get(offset, data);
        return new Packet(link, data);
    }
}
