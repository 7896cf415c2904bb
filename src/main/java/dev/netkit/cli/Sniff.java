package dev.netkit.cli;

import dev.netkit.TerminalText;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.capture.CaptureDevice;
import dev.netkit.capture.CaptureOptions;
import dev.netkit.capture.FrameChannel;
import dev.netkit.capture.LiveCapture;
import dev.netkit.capture.PacketFilter;
import dev.netkit.capture.PcapFileReader;
import dev.netkit.cli.render.Progress;
import dev.netkit.packet.LinkType;
import dev.netkit.sniff.print.PrintOptions;
import dev.netkit.sniff.print.SniffPrinter;
import dev.netkit.sniff.CaptureFileSink;
import dev.netkit.sniff.SniffSummary;
import dev.netkit.sniff.RawInput;
import dev.netkit.sniff.Sniffer;
import dev.netkit.sniff.TrafficStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code netkit sniff}: capture or read packets and print them like tcpdump, field by field, or as JSON. */
@Command(name = "sniff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Capture packets or read a capture file, and print them as tcpdump.",
                "FILTER is a BPF expression in libpcap syntax, e.g. 'tcp port 80' or 'icmp or arp'."},
        footer = {"", "Examples:",
                "  netkit sniff -i eth0 -n -c 10 icmp",
                "  netkit sniff -r trace.pcap -vv 'tcp[tcpflags] & tcp-syn != 0'",
                "  netkit sniff -r trace.pcap -n -v --fields -c 1 udp",
                "  netkit sniff -i any -w trace.pcap --print -c 100",
                "  netkit sniff -r trace.pcap --json | jq .ip.src"})
public final class Sniff implements Callable<Integer> {
    private static final OptionRange SNAPLEN = OptionRange.whole(0, PcapFileReader.MAX_CAPTURE);
    /** The kernel buffer: its bytes must fit an int. */
    private static final OptionRange BUFFER_KIB = OptionRange.whole(1, Integer.MAX_VALUE / 1024);
    private static final OptionRange OFF_OR_MORE = OptionRange.whole(0, Integer.MAX_VALUE);

    @Option(names = "-i", paramLabel = "IFACE", description = "Interface name or number from -D, or 'any'.")
    String iface;

    @Option(names = "-c", paramLabel = "COUNT", description = "Stop after COUNT packets.")
    Integer count;

    @Option(names = "-n", description = "Numeric: no port names (host names are never looked up).")
    boolean numeric;

    @Option(names = {"-#", "--number"}, description = "Start each packet's line with its number in the capture.")
    boolean numberPackets;

    @Option(names = "-e", description = "Print the link-level header (MAC addresses, ethertype).")
    boolean linkHeader;

    @Option(names = "-v", description = {"Verbose as tcpdump: -v IP id, ttl, length, flags and checksums;",
            "-vv and -vvv: tcpdump's further detail (IPv4 UDP checksums, ...)."})
    boolean[] verbose = new boolean[0];

    @Option(names = "-q", description = "Quick output as tcpdump: less protocol detail (tcp N, UDP, length N).")
    boolean quiet;

    @Option(names = {"-S", "--absolute-tcp-sequence-numbers"}, description = "Print absolute TCP sequence numbers.")
    boolean absoluteSequence;

    @Option(names = "--fields", description = {"Under each packet's line, every header field with its offset, bits",
            "and meaning (netkit's field view; add -XX for the bytes)."})
    boolean fields;

    @Option(names = "-x", description = "Hex dump after each packet (-xx: with the link header).")
    boolean[] hex = new boolean[0];

    @Option(names = "-X", description = "Hex and ASCII dump after each packet (-XX: with the link header).")
    boolean[] hexAscii = new boolean[0];

    @Option(names = "-A", description = "Print each packet (without link header) as ASCII (-AA: with it).")
    boolean[] ascii = new boolean[0];

    @Option(names = "-s", paramLabel = "SNAPLEN", description = "Bytes kept of each packet (default and 0: 262144).")
    int snaplen;

    @Option(names = "-p", description = "Do not put the interface into promiscuous mode.")
    boolean noPromiscuous;

    @Option(names = "-B", paramLabel = "KIB", description = "Kernel capture buffer in KiB (default 2048).")
    int bufferKib = 2048;

    @Option(names = "-w", paramLabel = "FILE", description = "Write the raw packets to FILE (pcap) instead of printing them.")
    String writeFile;

    @Option(names = "--print", description = "With -w: print the packets too.")
    boolean print;

    @Option(names = "-r", paramLabel = "FILE", description = "Read packets from a pcap or pcapng FILE ('-' for stdin).")
    String readFile;

    @Option(names = "--decode-hex", paramLabel = "HEX_DUMP_FILE",
            description = "Decode the packets of a hex dump (od -Ax -tx1, as text2pcap reads it; '-' for stdin).")
    String decodeHex;

    @Option(names = "--decode-raw", paramLabel = "BINARY_FILE", description = "Decode the bytes of a binary file as one packet.")
    String decodeRaw;

    @Option(names = "--layer", paramLabel = "ether|ip|tcp|udp",
            description = "With --decode-hex/-raw: where the bytes start: ether (default), ip, tcp, udp.")
    String layer;

    @Option(names = "--addresses", paramLabel = "SRC_IP,DST_IP",
            description = "With --layer tcp|udp: the dummy IP header's addresses (text2pcap's -4/-6; 10.1.1.1,10.2.2.2).")
    String addresses;

    @Option(names = "-G", paramLabel = "SECS", description = "With -w: start a new file every SECS seconds (strftime %%Y%%m%%d%%H%%M%%S in FILE).")
    int rotateSeconds;

    @Option(names = "-C", paramLabel = "MB", description = "With -w: start a new file when the current one exceeds MB million bytes.")
    int rotateMegabytes;

    @Option(names = "-W", paramLabel = "N", description = "With -C: keep N files in a ring; with -G: stop after N files.")
    int fileLimit;

    @Option(names = "--stats", arity = "0..1", fallbackValue = "0", paramLabel = "N",
            description = "At the end (or every N seconds) print a protocol hierarchy, top talkers and conversations.")
    Integer stats;

    @Option(names = "-D", description = "List the interfaces to capture on, numbered, with addresses and flags.")
    boolean listInterfaces;

    @Option(names = "-t", description = "-t: no timestamp, -tt: epoch seconds, -ttt: delta, -tttt: date, -ttttt: since first.")
    boolean[] timestamps = new boolean[0];

    @Option(names = "--nano", description = "Print timestamps in nanoseconds.")
    boolean nano;

    @Option(names = "--time-stamp-precision", paramLabel = "micro|nano",
            description = "As tcpdump: nano is --nano, micro the default.")
    String timeStampPrecision;

    @Option(names = "--micro", description = "Print timestamps in microseconds (the default).")
    boolean micro;

    @Mixin
    OutputMixin output;

    @Parameters(paramLabel = "FILTER", arity = "0..*", description = "BPF filter expression words.")
    List<String> filterWords;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listInterfaces) {
            for (CaptureDevice d : LiveCapture.devices()) {
                out.print(d.number() + "." + TerminalText.escape(d.name()));
                if (d.description() != null && !d.description().isEmpty()) {
                    out.print(" (" + TerminalText.escape(d.description()) + ")");
                }
                out.print(" " + d.flags());
                if (!d.addresses().isEmpty()) {
                    List<String> shown = new java.util.ArrayList<>();
                    for (String a : d.addresses()) {
                        try {
                            // a literal from libpcap: getByName parses it, no lookup
                            shown.add(dev.netkit.sniff.print.AddressText.ip(java.net.InetAddress.getByName(a)));
                        } catch (java.net.UnknownHostException e) {
                            shown.add(TerminalText.escape(a));
                        }
                    }
                    out.print(" " + String.join(", ", shown));
                }
                out.println();
            }
            out.flush();
            return ExitCode.OK;
        }
        validate();
        // handlers first: once "listening on" is printed, Ctrl-C must already end the capture cleanly
        Sniffer sniffer = new Sniffer();
        Object signals = SignalStop.install(sniffer::stop);
        try {
            return capture(out, err, sniffer);
        } finally {
            SignalStop.restore(signals);
        }
    }

    /**
     * A large file's progress (kB read of its size) on a terminal's stderr; none for standard input (no size),
     * with --json, or when the packets go to the same terminal (a rewritten line would break theirs), as dig -f.
     */
    private Progress readProgress(FrameChannel source, PrintWriter err) {
        if (!(source instanceof PcapFileReader reader) || readFile == null || readFile.equals("-")
                || Progress.terminal(1)) {
            return null;
        }
        long size;
        try {
            size = java.nio.file.Files.size(Path.of(readFile));
        } catch (java.io.IOException e) {
            return null;
        }
        return Progress.start("sniff", "kB", () -> reader.position() / 1000, () -> size / 1000, err, output.json, 0);
    }

    private int capture(PrintWriter out, PrintWriter err, Sniffer sniffer) {
        String filter = filterWords == null || filterWords.isEmpty() ? null : String.join(" ", filterWords);
        int snap = snaplen <= 0 ? PcapFileReader.MAX_CAPTURE : Math.min(snaplen, PcapFileReader.MAX_CAPTURE);
        FrameChannel source;
        PacketFilter userFilter = null;
        boolean nanosFile = false;
        boolean decoding = decodeHex != null || decodeRaw != null;
        if (decoding || readFile != null) {
            PcapFileReader reader = decoding ? rawPackets() : PcapFileReader.open(Path.of(readFile));
            source = reader;
            nanosFile = reader.nanosecondPrecision();
            if (filter != null) {
                userFilter = PacketFilter.compile(filter, reader.linkType());
            }
            if (!output.json) {
                err.println((decoding ? "decoding " + TerminalText.escape(decodeHex != null ? decodeHex : decodeRaw)
                        : "reading from file " + TerminalText.escape(readFile)) + ", link-type "
                        + linkTypeText(reader.linkType()) + ", snapshot length " + reader.snaplen());
            }
        } else {
            boolean bulk = writeFile != null && !print;
            CaptureOptions o = CaptureOptions.on(LiveCapture.resolve(iface)).withSnaplen(snap)
                    .withPromiscuous(!noPromiscuous).withImmediate(!bulk).withBufferSize(bufferKib * 1024)
                    .withFilter(filter).withSends(false);
            FrameChannel live = LiveCapture.channel(o);
            source = live;
            err.println("netkit sniff: listening on " + TerminalText.escape(o.device()) + ", link-type "
                    + linkTypeText(live.linkType()) + ", snapshot length " + snap + " bytes");
        }
        err.flush();
        Progress progress = readProgress(source, err);
        CaptureFileSink sink = null;
        TrafficStats trafficStats = stats != null ? new TrafficStats() : null;
        int verbosity = verbose.length;
        // sniff prints nothing else on stdout, so it may own the process's stdout as bytes
        java.io.OutputStream raw = Netkit.processStdout(out);
        if (raw != null) {
            out.flush();
            raw = new java.io.BufferedOutputStream(raw, 1 << 16);
        }
        SniffPrinter printer = new SniffPrinter(out, raw, output.json, new PrintOptions(linkHeader, verbosity,
                numeric, timestamps.length, nanoseconds(), hex.length, hexAscii.length, ascii.length, quiet,
                absoluteSequence, numberPackets, fields));
        try {
            if (writeFile != null) {
                CaptureFileSink.Rotation rotation = new CaptureFileSink.Rotation(rotateMegabytes * 1_000_000L,
                        rotateSeconds, fileLimit);
                sink = new CaptureFileSink(writeFile, rotation, snap, nanosFile);
                sink.start(source.linkType(), System.currentTimeMillis() / 1000);
            }
            boolean decode = writeFile == null || print;
            long interval = stats != null && stats > 0 ? stats * 1_000_000_000L : 0;
            Sniffer.Settings settings = new Sniffer.Settings(count == null ? 0 : count, userFilter, sink, decode, trafficStats, interval);
            SniffSummary summary;
            try {
                summary = sniffer.run(source, settings, printer.listener(trafficStats));
            } finally {
                if (progress != null) {
                    progress.close();
                }
            }
            if (sink != null) {
                sink.close();
                sink = null;
            }
            source.close();
            if (trafficStats != null) {
                printer.stats(trafficStats);
            }
            if (output.json) {
                printer.summary(summary.captured(), readFile != null || decoding ? statsOfFile(summary) : summary.stats());
            }
            printer.flush();
            if (readFile == null && !decoding) {
                err.println(summary.captured() + " packet" + (summary.captured() == 1 ? "" : "s") + " captured");
                err.println(summary.stats().receivedByFilter() + " packet"
                        + (summary.stats().receivedByFilter() == 1 ? "" : "s") + " received by filter");
                err.println(summary.stats().droppedByKernel() + " packet"
                        + (summary.stats().droppedByKernel() == 1 ? "" : "s") + " dropped by kernel");
            }
            err.flush();
            if (summary.problem() != null) {
                err.println("netkit sniff: " + TerminalText.escape(summary.problem()));
                err.flush();
                return ExitCode.USAGE;
            }
            return ExitCode.OK;
        } finally {
            if (sink != null) {
                sink.close();
            }
            source.close();
            if (userFilter != null) {
                userFilter.close();
            }
            out.flush();
        }
    }

    /**
     * The packets of --decode-hex or --decode-raw from the chosen layer, as a capture file in memory (one
     * microsecond apart from the epoch), so they take the path of -r: filter, printers, -w.
     */
    private PcapFileReader rawPackets() {
        String file = decodeHex != null ? decodeHex : decodeRaw;
        byte[] content;
        try {
            content = file.equals("-") ? System.in.readAllBytes() : java.nio.file.Files.readAllBytes(Path.of(file));
        } catch (java.io.IOException e) {
            throw new NetkitException(ExitCode.NEGATIVE, "cannot read " + TerminalText.escape(file) + ": " + e.getMessage());
        }
        RawInput.Layer from;
        try {
            from = RawInput.Layer.valueOf((layer == null ? "ether" : layer).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw NetkitException.usage("--layer takes ether, ip, tcp or udp, not " + TerminalText.escape(layer));
        }
        List<byte[]> packets = decodeHex != null
                ? RawInput.hexDump(new String(content, java.nio.charset.StandardCharsets.ISO_8859_1)) : List.of(content);
        java.io.ByteArrayOutputStream pcap = new java.io.ByteArrayOutputStream();
        try (dev.netkit.capture.PcapFileWriter w = new dev.netkit.capture.PcapFileWriter(pcap, RawInput.linkType(from),
                PcapFileReader.MAX_CAPTURE, false)) {
            long t = 0;
            for (byte[] p : packets) {
                w.write(dev.netkit.capture.CapturedFrame.of(t, RawInput.linkType(from), RawInput.frame(p, from, addresses)));
                t += 1000;
            }
        }
        return PcapFileReader.open(new java.io.ByteArrayInputStream(pcap.toByteArray()), file);
    }

    /** --nano or --time-stamp-precision=nano (validate refuses them disagreeing with --micro). */
    private boolean nanoseconds() {
        return nano || "nano".equals(timeStampPrecision);
    }

    private static dev.netkit.capture.CaptureStats statsOfFile(SniffSummary s) {
        return new dev.netkit.capture.CaptureStats(s.captured(), 0, 0);
    }

    private void validate() {
        int sources = (readFile != null ? 1 : 0) + (decodeHex != null ? 1 : 0) + (decodeRaw != null ? 1 : 0);
        if (sources > 1 || sources == 1 && iface != null) {
            throw NetkitException.usage("-r, --decode-hex, --decode-raw and -i are four sources: give one of them");
        }
        if ((layer != null || addresses != null) && decodeHex == null && decodeRaw == null) {
            throw NetkitException.usage("--layer and --addresses say how to read --decode-hex or --decode-raw: give one");
        }
        if (addresses != null && !"tcp".equalsIgnoreCase(layer) && !"udp".equalsIgnoreCase(layer)) {
            throw NetkitException.usage("--addresses is the dummy IP header of --layer tcp or udp");
        }
        if (readFile != null && iface != null) {
            throw NetkitException.usage("-r reads a file and -i captures live: give one of them");
        }
        if (print && writeFile == null) {
            throw NetkitException.usage("--print needs -w FILE");
        }
        if ((rotateSeconds > 0 || rotateMegabytes > 0 || fileLimit > 0) && writeFile == null) {
            throw NetkitException.usage("-G, -C and -W rotate the files of -w: give -w FILE");
        }
        if (fileLimit > 0 && rotateSeconds <= 0 && rotateMegabytes <= 0) {
            throw NetkitException.usage("-W needs -C or -G");
        }
        // tcpdump's ranges: -s 0 is the largest snapshot; -G, -C and -W 0 are off (netkit's defaults)
        if (count != null) {
            OptionRange.COUNT.check("-c", count);
        }
        SNAPLEN.check("-s", snaplen);
        BUFFER_KIB.check("-B", bufferKib);
        OFF_OR_MORE.check("-G", rotateSeconds);
        OFF_OR_MORE.check("-C", rotateMegabytes);
        OFF_OR_MORE.check("-W", fileLimit);
        if (stats != null) {
            OFF_OR_MORE.check("--stats", stats);
        }
        if (timeStampPrecision != null && !timeStampPrecision.equals("micro") && !timeStampPrecision.equals("nano")) {
            throw NetkitException.usage("--time-stamp-precision takes micro or nano, not "
                    + TerminalText.escape(timeStampPrecision));
        }
        if (micro && nanoseconds() || nano && "micro".equals(timeStampPrecision)) {
            throw NetkitException.usage("--micro, --nano and --time-stamp-precision disagree: give one");
        }
        if ("-".equals(writeFile) && print) {
            throw NetkitException.usage("-w - writes the capture to stdout: --print would mix text into it");
        }
    }

    /** {@code EN10MB (Ethernet)}, as tcpdump names link types. */
    static String linkTypeText(LinkType t) {
        return t.name() + " (" + t.description() + ")";
    }
}
