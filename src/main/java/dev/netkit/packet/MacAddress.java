package dev.netkit.packet;

import java.util.Arrays;
import java.util.HexFormat;

/** A 48-bit IEEE 802 MAC address (RFC 7042 section 2.1), printed as {@code 52:54:00:3b:2b:25}. */
public final class MacAddress {
    public static final MacAddress BROADCAST = new MacAddress(new byte[] {-1, -1, -1, -1, -1, -1});
    public static final MacAddress ZERO = new MacAddress(new byte[6]);

    private final byte[] octets;

    private MacAddress(byte[] octets) {
        this.octets = octets;
    }

    /** The address of 6 octets (copied). */
    public static MacAddress of(byte[] octets) {
        if (octets.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 octets, not " + octets.length);
        }
        return new MacAddress(octets.clone());
    }

    static MacAddress read(byte[] b, int i) {
        return new MacAddress(NetworkOrder.copy(b, i, 6));
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} or {@code aa-bb-cc-dd-ee-ff}. */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (six hex octets)");
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 2) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address (six hex octets)");
            }
            try {
                b[i] = (byte) Integer.parseInt(parts[i], 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address (six hex octets)");
            }
        }
        return new MacAddress(b);
    }

    /** The six octets (a copy). */
    public byte[] octets() {
        return octets.clone();
    }

    void write(byte[] b, int i) {
        System.arraycopy(octets, 0, b, i, 6);
    }

    public boolean isBroadcast() {
        return equals(BROADCAST);
    }

    /** The group bit (least significant bit of the first octet). */
    public boolean isMulticast() {
        return (octets[0] & 1) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress m && Arrays.equals(octets, m.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(octets);
    }
}
