package dev.netkit.capture;

import dev.netkit.NetkitException;
import dev.netkit.TerminalText;
import dev.netkit.packet.LinkType;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A BPF filter in libpcap syntax compiled for one link type, applied in user space (for capture files;
 * live captures filter in the kernel through {@link CaptureOptions#filter()}).
 */
public final class PacketFilter implements AutoCloseable {
    /** libpcap's PCAP_NETMASK_UNKNOWN, as the address pcap4j's compileFilter takes. */
    private static final Inet4Address NETMASK_UNKNOWN = netmaskUnknown();
    private final BpfProgram program;
    private final LinkType linkType;

    private PacketFilter(BpfProgram program, LinkType linkType) {
        this.program = program;
        this.linkType = linkType;
    }

    /** Compiles {@code expression} for frames of {@code linkType}; a syntax error is a usage error (exit 2). */
    public static PacketFilter compile(String expression, LinkType linkType) {
        Libpcap.require();
        // a dead handle, not Pcaps.compileFilter: only the handle can tell libpcap's reason (pcap_geterr)
        try (PcapHandle dead = Pcaps.openDead(DataLinkType.getInstance(linkType.value()),
                PcapFileReader.MAX_CAPTURE)) {
            BpfProgram p = dead.compileFilter(expression, BpfProgram.BpfCompileMode.OPTIMIZE, NETMASK_UNKNOWN);
            return new PacketFilter(p, linkType);
        } catch (PcapNativeException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Error occurred in pcap_compile: ", "");
            throw NetkitException.usage("bad filter '" + TerminalText.escape(expression) + "': "
                    + (m.isBlank() ? "syntax error" : TerminalText.escape(m.strip())));
        } catch (NotOpenException e) {
            throw new IllegalStateException(e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw Libpcap.missing();
        }
    }

    private static Inet4Address netmaskUnknown() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public LinkType linkType() {
        return linkType;
    }

    /** True when the frame passes; frames of another link type than the filter's never do. */
    public boolean matches(CapturedFrame f) {
        if (!f.linkType().equals(linkType)) {
            return false;
        }
        return program.applyFilter(f.data(), f.originalLength(), f.data().length);
    }

    @Override
    public void close() {
        if (!program.isFreed()) {
            program.free();
        }
    }
}
