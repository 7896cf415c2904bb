package dev.netkit.capture;

import dev.netkit.NetkitException;
import dev.netkit.packet.LinkType;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * A BPF filter in libpcap syntax compiled for one link type, applied in user space (for capture files;
 * live captures filter in the kernel through {@link CaptureOptions#filter()}).
 */
public final class PacketFilter implements AutoCloseable {
    private final BpfProgram program;
    private final LinkType linkType;

    private PacketFilter(BpfProgram program, LinkType linkType) {
        this.program = program;
        this.linkType = linkType;
    }

    /** Compiles {@code expression} for frames of {@code linkType}; a syntax error is a usage error (exit 2). */
    public static PacketFilter compile(String expression, LinkType linkType) {
        Libpcap.require();
        try {
            BpfProgram p = Pcaps.compileFilter(PcapFileReader.MAX_CAPTURE,
                    DataLinkType.getInstance(linkType.value()), expression,
                    BpfProgram.BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
            return new PacketFilter(p, linkType);
        } catch (PcapNativeException e) {
            String m = e.getMessage() == null ? "syntax error" : e.getMessage().strip();
            throw NetkitException.usage("bad filter '" + expression + "': " + m);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw Libpcap.missing();
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
