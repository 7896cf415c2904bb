/**
 * Packet codecs: bytes in, bytes out, no I/O (RFC 1122 layering; smoltcp's {@code wire} module is the model).
 *
 * <p>Each protocol has a <em>view</em> ({@link dev.netkit.packet.Ipv4Packet}, {@link dev.netkit.packet.TcpPacket},
 * ...) over {@code byte[]} + offset + length whose {@code newChecked} checks the length once, and a
 * <em>value type</em> ({@link dev.netkit.packet.Ipv4Header}, {@link dev.netkit.packet.TcpHeader},
 * {@link dev.netkit.packet.Icmpv4Message}, ...) with {@code parse(view)}, {@code bufferLength()} and
 * {@code emit(buffer, offset)}. Unsigned fields are {@code int}/{@code long}; protocol numbers are value
 * classes that keep unknown numbers ({@code UNKNOWN(253)}); RFC 1071 checksums live in
 * {@link dev.netkit.packet.Checksum} and transport emitters take a {@link dev.netkit.packet.PseudoHeader}.
 * Bad input raises only {@link dev.netkit.packet.MalformedPacketException}.
 *
 * <p>Entry points for the rest of netkit: {@link dev.netkit.packet.Frame#decode} for captured frames (never
 * throws; records where it stopped), {@link dev.netkit.packet.PacketBuilder} for probes with checksums
 * filled, {@link dev.netkit.packet.ArpMessage#toFrame()}, {@link dev.netkit.packet.Ipv4Fragmenter} and
 * {@link dev.netkit.packet.Ipv4Reassembler}.
 */
package dev.netkit.packet;
