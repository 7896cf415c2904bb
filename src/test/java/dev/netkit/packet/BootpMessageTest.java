package dev.netkit.packet;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BootpMessageTest {
    @Test
    void discover() {
        MacAddress mac = MacAddress.parse("02:6e:6b:01:00:0c");
        byte[] b = BootpMessage.discover(mac, 0x4e4b0001L, "pc3");
        BootpMessage m = new BootpMessage(b, 0, b.length);
        assertEquals(300, b.length, "padded to BOOTP's minimum");
        assertEquals(BootpMessage.OP_REQUEST, m.op());
        assertEquals(1, m.hardwareType());
        assertEquals(6, m.hardwareLength());
        assertEquals(0x4e4b0001L, m.transactionId());
        assertArrayEquals(mac.octets(), m.clientHardwareAddress(6));
        assertEquals(BootpMessage.MAGIC_COOKIE, m.u32At(BootpMessage.VENDOR, "cookie"));
        // options: type DISCOVER, host name "pc3", client id 1 + MAC, request list, end
        assertEquals("350101" + "0c03706333" + "3d0701026e6b01000c" + "37040103060f" + "ff",
                HexFormat.of().formatHex(m.bytesAt(BootpMessage.VENDOR + 4, 24, "options")));
    }
}
