package dev.netkit.capture;

import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.packet.LinkType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A live capture through netkit-helper (src/main/c/netkit-helper.c), for a user who is not root but belongs to the
 * group netkit (issue 18, docs/privileges.md): the helper opens the capture with its file capabilities, drops them,
 * and streams the frames as a pcap savefile on its stdout; frames to send go to its stdin, each after its length.
 * It runs as a child process (no shell), in this process's network namespace; closing its stdin ends it.
 *
 * <p>Threads as {@link FrameChannel} says: a reader thread moves the helper's frames into a bounded queue (when it
 * is full the pipe fills and the kernel drops, as with libpcap's own buffer), {@link #receive(long)} waits on it.
 * A send the helper cannot deliver is reported on its stderr, not to the sender.
 */
public final class HelperCapture implements FrameChannel {
    /** Where {@code netkit privileges install} puts the helper. */
    public static final Path INSTALLED = Path.of("/usr/local/lib/netkit/netkit-helper");
    /** Where the Debian package puts it (its postinst gives it the group and capabilities, scripts/package). */
    public static final Path PACKAGED = Path.of("/usr/lib/netkit/native/netkit-helper");
    /** The group whose members may run it. */
    public static final String GROUP = "netkit";
    /** Overrides {@link #INSTALLED} (tests); pointing it elsewhere grants nothing the caller had not. */
    static final String PATH_PROPERTY = "netkit.helper";
    private static final int MAX_FILTER = 1900;
    private static final int MAX_FRAME = 65_535;
    private static final int QUEUE = 8192;
    /** Stands in the queue for the end of the helper's stream. */
    private static final CapturedFrame END = new CapturedFrame(0, LinkType.EN10MB, 0, new byte[0]);

    private final Process process;
    private final String device;
    private final OutputStream toHelper;
    private final PcapFileReader stream;
    private final BlockingQueue<CapturedFrame> frames = new ArrayBlockingQueue<>(QUEUE);
    private final List<String> messages;
    private final Thread errors;
    private volatile boolean closeRequested;
    private volatile boolean streamEnded;
    private volatile long delivered;
    private CaptureStats finalStats;

    private HelperCapture(Process process, String device, PcapFileReader stream, List<String> messages,
            Thread errors) {
        this.process = process;
        this.errors = errors;
        this.device = device;
        this.toHelper = process.getOutputStream();
        this.stream = stream;
        this.messages = messages;
        Thread reader = new Thread(this::readFrames, "netkit-helper reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Where {@code privileges install} puts the helper and {@code remove} takes it from (never the package's). */
    public static Path installPath() {
        String p = System.getProperty(PATH_PROPERTY);
        return p == null ? INSTALLED : Path.of(p);
    }

    /** The helper this process would run: the property's, else the one privileges install put, else the package's. */
    public static Path path() {
        String p = System.getProperty(PATH_PROPERTY);
        if (p != null) {
            return Path.of(p);
        }
        return Files.exists(INSTALLED) || !Files.exists(PACKAGED) ? INSTALLED : PACKAGED;
    }

    /**
     * The build's helper, which {@code netkit privileges install} copies: native/netkit-helper beside the jar
     * (target/netkit.jar, or the package's) or the classes this class came from.
     */
    public static Path built() {
        try {
            Path code = Path.of(HelperCapture.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("native").resolve("netkit-helper");
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Path.of("target", "native", "netkit-helper");
        }
    }

    /** True when the helper is installed and this user may run it (the group's execute bit, checked by access(2)). */
    public static boolean runnable() {
        Path p = path();
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    /** What an exit-4 message adds: how a user gets the helper, depending on what is there now. */
    public static String howToCapture() {
        if (Files.exists(path())) {
            return "or join the group " + GROUP + " that may run netkit-helper ('sudo usermod -aG " + GROUP + " "
                    + userName() + "', then log in again)";
        }
        return "or install netkit-helper once with 'sudo netkit privileges install' and join its group " + GROUP
                + " ('sudo usermod -aG " + GROUP + " " + userName() + "', then log in again)";
    }

    private static String userName() {
        String u = System.getProperty("user.name");
        return u == null || u.isBlank() || u.equals("?") ? "USER" : u;
    }

    /**
     * Starts the helper on {@code device} ({@code o}'s, resolved to a name; "any" is refused, as is every name that is
     * not an interface of this namespace). Exit 2 for what the helper refuses (interface, filter), 4 when it cannot run or lacks its
     * capabilities.
     */
    static HelperCapture open(CaptureOptions o, String device) {
        String filter = o.filter() == null ? "" : o.filter().strip();
        if (filter.length() > MAX_FILTER || !filter.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw NetkitException.usage("a filter for netkit-helper must be printable ASCII of at most " + MAX_FILTER
                    + " characters");
        }
        if (!runnable()) {
            throw NetkitException.privilege("capturing on " + device, howToCapture());
        }
        int snaplen = o.snaplen() <= 0 ? PcapFileReader.MAX_CAPTURE : Math.min(o.snaplen(), PcapFileReader.MAX_CAPTURE);
        String request = (o.sends() ? "inject " : "capture ") + device + " " + snaplen + " "
                + (o.promiscuous() ? 1 : 0) + " " + filter + "\n";
        Process p;
        try {
            p = new ProcessBuilder(path().toString()).start();
        } catch (IOException e) {
            // EACCES outside the group; EPERM when the bounding set withholds the helper's capabilities
            throw NetkitException.privilege("capturing on " + device + " (" + e.getMessage() + ")", howToCapture());
        }
        List<String> messages = new ArrayList<>();
        Thread errors = new Thread(() -> collect(p, messages), "netkit-helper stderr");
        errors.setDaemon(true);
        errors.start();
        try {
            p.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            return new HelperCapture(p, device, PcapFileReader.open(p.getInputStream(), "netkit-helper"),
                    messages, errors);
        } catch (IOException | RuntimeException e) {
            throw refusal(p, errors, messages, device);
        }
    }

    /** The helper's stderr, line by line; its last line at the end is its stats. */
    private static void collect(Process p, List<String> messages) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (messages) {
                    if (messages.size() < 100) {
                        messages.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // the helper is gone
        }
    }

    /** The helper ended before its stream began: its exit code and message become netkit's. */
    private static NetkitException refusal(Process p, Thread errors, List<String> messages, String device) {
        int code;
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            errors.join(2000);
            code = p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            code = ExitCode.NEGATIVE;
        }
        String why;
        synchronized (messages) {
            why = messages.isEmpty() ? "netkit-helper ended with " + code
                    : dev.netkit.TerminalText.escape(messages.get(0).replaceFirst("^netkit-helper: ", ""));
        }
        return switch (code) {
            case ExitCode.USAGE -> NetkitException.usage(why);
            case ExitCode.PRIVILEGE -> NetkitException.privilege("capturing on " + device + " (" + why + ")",
                    "or reinstall netkit-helper with 'sudo netkit privileges install'");
            default -> new NetkitException(ExitCode.NEGATIVE, "cannot capture on " + device + ": " + why);
        };
    }

    private void readFrames() {
        try {
            for (CapturedFrame f; (f = stream.next()) != null; ) {
                frames.put(f);
            }
            streamEnded = true;
            frames.put(END);
        } catch (InterruptedException e) {
            streamEnded = true;
        }
    }

    public String device() {
        return device;
    }

    @Override
    public LinkType linkType() {
        return stream.linkType();
    }

    @Override
    public CapturedFrame receive(long deadlineNanos) {
        try {
            while (!closeRequested) {
                long left = deadlineNanos - System.nanoTime();
                CapturedFrame f = frames.poll(Math.max(0, Math.min(left, 50_000_000L)), TimeUnit.NANOSECONDS);
                if (f == END) {
                    frames.offer(END); // for the next receive
                    return null;
                }
                if (f != null) {
                    delivered++;
                    return f;
                }
                if (left <= 0) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    @Override
    public boolean ended() {
        return closeRequested || (streamEnded && frames.peek() == END);
    }

    @Override
    public void send(byte[] frame) {
        if (frame.length == 0 || frame.length > MAX_FRAME) {
            throw new NetkitException(ExitCode.NEGATIVE, "cannot send on " + device + ": a frame of " + frame.length
                    + " bytes (netkit-helper sends 1 to " + MAX_FRAME + ")");
        }
        byte[] length = {(byte) (frame.length >>> 24), (byte) (frame.length >>> 16), (byte) (frame.length >>> 8),
                (byte) frame.length};
        synchronized (toHelper) {
            try {
                if (closeRequested) {
                    throw new IOException("capture closed");
                }
                toHelper.write(length);
                toHelper.write(frame);
                toHelper.flush();
            } catch (IOException e) {
                throw new NetkitException(ExitCode.NEGATIVE, "cannot send on " + device + ": netkit-helper: "
                        + (closeRequested ? "capture closed" : "it ended"));
            }
        }
    }

    /** Before close, the frames delivered so far; after it, what libpcap counted in the helper. */
    @Override
    public synchronized CaptureStats stats() {
        return finalStats != null ? finalStats : new CaptureStats(delivered, 0, 0);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closeRequested) {
                return;
            }
            closeRequested = true;
        }
        synchronized (toHelper) {
            try {
                toHelper.close(); // the end of stdin ends the helper, which prints its stats first
            } catch (IOException e) {
                // it ended already
            }
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        CaptureStats counted = null;
        try {
            errors.join(1000); // it reads the helper's last line, the stats, a moment after the exit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (messages) {
            for (String m : messages) {
                String[] f = m.split(" ");
                if (f.length == 4 && f[0].equals("stats") && f[1].matches("\\d{1,10}") && f[2].matches("\\d{1,10}")
                        && f[3].matches("\\d{1,10}")) {
                    counted = new CaptureStats(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
                }
            }
        }
        synchronized (this) {
            finalStats = counted != null ? counted : new CaptureStats(delivered, 0, 0);
        }
        stream.close();
    }
}
