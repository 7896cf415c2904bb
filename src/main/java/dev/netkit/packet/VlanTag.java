package dev.netkit.packet;

/** One IEEE 802.1Q (TPID 0x8100) or 802.1ad (TPID 0x88a8) VLAN tag of an Ethernet frame (RFC 7042 section 3). */
public record VlanTag(EtherType tpid, int priority, boolean dropEligible, int vlanId) {

    public VlanTag {
        if (priority < 0 || priority > 7 || vlanId < 0 || vlanId > 4095) {
            throw new IllegalArgumentException("VLAN tag: priority 0..7 and id 0..4095, not " + priority + "/" + vlanId);
        }
    }

    /** An 802.1Q customer tag with priority 0. */
    public static VlanTag dot1q(int vlanId) {
        return new VlanTag(EtherType.VLAN, 0, false, vlanId);
    }

    /** An 802.1ad service tag with priority 0. */
    public static VlanTag dot1ad(int vlanId) {
        return new VlanTag(EtherType.QINQ, 0, false, vlanId);
    }

    static VlanTag of(int tpid, int tci) {
        return new VlanTag(EtherType.valueOf(tpid), tci >>> 13, (tci & 0x1000) != 0, tci & 0xfff);
    }

    /** The 16-bit tag control information: priority, drop eligible, VLAN id. */
    public int tci() {
        return priority << 13 | (dropEligible ? 0x1000 : 0) | vlanId;
    }
}
