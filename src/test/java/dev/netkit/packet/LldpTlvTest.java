package dev.netkit.packet;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.netkit.packet.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LLDPDUs and their TLVs from tcpdump's test captures (LLDP_and_CDP, lldp-app-priority, lldp_mudurl). */
class LldpTlvTest {
    // LLDP_and_CDP.pcap packet 3, its first four TLVs:
    // LLDP, length 282
    //   Chassis ID TLV (1), length 7: Subtype MAC address (4): 00:19:2f:a7:b2:8d
    //   Port ID TLV (2), length 13: Subtype Interface alias (1): Uplink to S1
    //   Time to Live TLV (3), length 2: TTL 120s
    //   System Name TLV (5), length 12: S2.cisco.com
    private static final byte[] S2 = hex("02070400192fa7b28d040d0155706c696e6b20746f205331060200780a0c53322e636973636f"
            + "2e636f6d");

    /** The TLVs of an LLDPDU given in hex, one after the other. */
    private static List<LldpTlv> tlvs(String vector) {
        byte[] d = hex(vector);
        LldpPdu pdu = new LldpPdu(d, 0, d.length);
        List<LldpTlv> tlvs = new ArrayList<>();
        for (int at = 0; at < d.length; at += LldpTlv.HEADER_LENGTH + tlvs.getLast().valueLength()) {
            tlvs.add(pdu.tlv(at));
        }
        return tlvs;
    }

    @Test
    void parseIdsTtlAndName() {
        LldpPdu pdu = new LldpPdu(S2, 0, S2.length);
        LldpTlv chassis = pdu.tlv(0);
        assertEquals(LldpTlv.TYPE_CHASSIS_ID, chassis.type());
        assertEquals(7, chassis.valueLength());
        assertEquals(4, chassis.idSubtype());
        assertArrayEquals(hex("00192fa7b28d"), chassis.idMac());
        int at = LldpTlv.HEADER_LENGTH + chassis.valueLength();
        LldpTlv port = pdu.tlv(at);
        assertEquals(LldpTlv.TYPE_PORT_ID, port.type());
        assertEquals(1, port.idSubtype(), "interface alias");
        assertEquals("Uplink to S1", new String(port.value().bytesAt(LldpTlv.ID, port.valueLength() - LldpTlv.ID),
                StandardCharsets.US_ASCII));
        at += LldpTlv.HEADER_LENGTH + port.valueLength();
        LldpTlv ttl = pdu.tlv(at);
        assertEquals(LldpTlv.TYPE_TTL, ttl.type());
        assertEquals(120, ttl.ttl());
        at += LldpTlv.HEADER_LENGTH + ttl.valueLength();
        LldpTlv name = pdu.tlv(at);
        assertEquals(LldpTlv.TYPE_SYSTEM_NAME, name.type());
        assertEquals(12, name.valueLength());
    }

    @Test
    void organizationTlvs() {
        // packet 3 again:
        //   Organization specific TLV (127), length 6: OUI Ethernet bridged (0x0080c2)
        //     Port VLAN Id Subtype (1), port vlan id (PVID): 1
        //   Organization specific TLV (127), length 9: OUI IEEE 802.3 Private (0x00120f)
        //     MAC/PHY configuration/status Subtype (1), autonegotiation [supported, enabled] (0x03)
        //     PMD autoneg capability [...] (0xc036), MAU type 100BASETX fdx (0x0010)
        List<LldpTlv> tlvs = tlvs("fe060080c2010001" + "fe0900120f0103c0360010");
        LldpTlv pvid = tlvs.get(0);
        assertEquals(LldpTlv.TYPE_ORGANIZATION, pvid.type());
        assertEquals(0x0080c2, pvid.oui());
        assertEquals(1, pvid.organizationSubtype());
        assertEquals(1, pvid.portVlanId());
        LldpTlv phy = tlvs.get(1);
        assertEquals(0x00120f, phy.oui());
        assertEquals(0x03, phy.autonegotiation());
        assertEquals(0xc036, phy.pmdCapability());
        assertEquals(0x0010, phy.mauType());
    }

    @Test
    void priorityFlowControlAndApplicationPriority() {
        // lldp-app-priority.pcap packet 1:
        //   Organization specific TLV (127), length 6: Priority Flow Control Configuration Subtype (11)
        //     Willing: 0, MBC: 0, RES: 0, PFC cap:1, PFC Enable: priority 4
        //   Organization specific TLV (127), length 8: Application Priority Subtype (12), RES: 0
        //     Priority: 4, RES: 0, Sel: 4, Protocol ID: 3260
        List<LldpTlv> tlvs = tlvs("fe060080c20b0110" + "fe080080c20c00840cbc");
        LldpTlv pfc = tlvs.get(0);
        assertEquals(11, pfc.organizationSubtype());
        assertEquals(0x01, pfc.pfcFlags());
        assertEquals(0x10, pfc.pfcEnable());
        LldpTlv app = tlvs.get(1);
        assertEquals(12, app.organizationSubtype());
        assertEquals(0, app.applicationPriorityReserved());
        assertEquals(0x84, app.applicationPriority(0));
        assertEquals(3260, app.applicationProtocol(0));
    }

    @Test
    void managementAddressAndMudUrl() {
        // lldp_mudurl.pcap packet 1:
        //   Management Address TLV (8), length 12
        //     Management Address length 5, AFI IPv4 (1): 62.12.173.114
        //     Interface Index Interface Numbering (2): 2
        //   Organization specific TLV (127), length 64: OUI IANA (0x00005e), MUD-URL Subtype (1)
        //     MUD-URL=https://imright.mud.example.com/.well-known/mud/v1/vomitv2.0
        List<LldpTlv> tlvs = tlvs("100c05013e0cad72020000000200" + "fe4000005e0168747470733a2f2f696d72696768742e"
                + "6d75642e6578616d706c652e636f6d2f2e77656c6c2d6b6e6f776e2f6d75642f76312f766f6d697476322e30");
        LldpTlv m = tlvs.get(0);
        assertEquals(LldpTlv.TYPE_MANAGEMENT_ADDRESS, m.type());
        int n = m.managementAddressLength();
        assertEquals(5, n);
        assertEquals(LldpTlv.FAMILY_IPV4, m.addressFamily(LldpTlv.MANAGEMENT_ADDRESS));
        assertArrayEquals(hex("3e0cad72"), m.address(LldpTlv.MANAGEMENT_ADDRESS, 4));
        assertEquals(2, m.interfaceNumberingSubtype(n));
        assertEquals(2, m.interfaceNumber(n));
        assertEquals(0, m.oidLength(n));
        LldpTlv mud = tlvs.get(1);
        assertEquals(0x00005e, mud.oui());
        assertEquals("https://imright.mud.example.com/.well-known/mud/v1/vomitv2.0",
                new String(mud.mudUrl(), StandardCharsets.US_ASCII));
    }

    @Test
    void truncatedAtTheFieldThatIsCut() {
        LldpPdu pdu = new LldpPdu(S2, 0, 6);
        LldpTlv chassis = pdu.tlv(0);
        assertEquals(7, chassis.valueLength(), "the header was captured");
        assertEquals(4, chassis.idSubtype());
        MalformedPacketException e = assertThrows(MalformedPacketException.class, chassis::idMac);
        assertTrue(e.isTruncation());
        assertEquals("lldp", e.protocol());
        assertThrows(MalformedPacketException.class, chassis::needValue);
        assertThrows(MalformedPacketException.class, () -> pdu.tlv(5));
    }

    @Test
    void aFieldBeyondTheValueIsNotReadFromTheNextTlv() {
        // the TTL TLV's value holds two bytes: its capabilities accessor must not read the next TLV's header
        LldpTlv ttl = new LldpPdu(S2, 0, S2.length).tlv(24);
        assertEquals(LldpTlv.TYPE_TTL, ttl.type());
        assertThrows(MalformedPacketException.class, ttl::enabledCapabilities);
    }
}
