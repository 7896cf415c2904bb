package dev.netkit.packet;

import java.util.Optional;

/**
 * An IEEE 802.2 LLC header (DSAP, SSAP, control) and, for DSAP/SSAP 0xAA, its SNAP extension (RFC 1042: OUI and
 * protocol id) over the bytes of an 802.3 frame after its length field.
 *
 * @param dsap    destination service access point (its low bit is the individual/group bit)
 * @param ssap    source service access point (its low bit is the command/response bit)
 * @param control the control field: 0x03 is unnumbered information; I and S frames have a second byte
 * @param oui     the SNAP organisation code, or -1 without SNAP
 * @param pid     the SNAP protocol id, or -1 without SNAP
 */
public record LlcHeader(int dsap, int ssap, int control, int oui, int pid) {
    public static final int SAP_STP = 0x42;
    public static final int SAP_SNAP = 0xaa;

    /** The header at {@code off}, or empty when fewer than its bytes were captured. */
    public static Optional<LlcHeader> parse(byte[] b, int off, int end) {
        end = Math.min(end, b.length);
        if (off < 0 || off + 3 > end) {
            return Optional.empty();
        }
        int dsap = NetworkOrder.u8(b, off);
        int ssap = NetworkOrder.u8(b, off + 1);
        int control = NetworkOrder.u8(b, off + 2);
        if (dsap == SAP_SNAP && ssap == SAP_SNAP && control == 0x03) {
            if (off + 8 > end) {
                return Optional.empty();
            }
            int oui = (NetworkOrder.u8(b, off + 3) << 16) | NetworkOrder.u16(b, off + 4);
            return Optional.of(new LlcHeader(dsap, ssap, control, oui, NetworkOrder.u16(b, off + 6)));
        }
        return Optional.of(new LlcHeader(dsap, ssap, control, -1, -1));
    }

    public boolean snap() {
        return oui >= 0;
    }

    /** The header's length on the wire: 3, 8 with SNAP (unnumbered frames only: I and S frames are not read). */
    public int bufferLength() {
        return snap() ? 8 : 3;
    }
}
