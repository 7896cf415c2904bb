package dev.netkit.capture;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.netkit.ExitCode;
import dev.netkit.NetkitException;
import dev.netkit.packet.LinkType;
import dev.netkit.system.Privileges;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A live capture on one interface through libpcap (pcap4j's raw byte[] API only). The handle runs in
 * non-blocking mode and {@link #receive(long)} waits with poll(2) in slices of at most {@value #SLICE_MS} ms,
 * so the deadline is kept on a quiet wire and {@link #close()} from another thread ends a wait promptly.
 *
 * <p>Threads: one receiver, any number of senders, {@link #close()} and {@link #stats()} from any thread.
 * Sends run alongside a receive (and take turns among themselves); a second concurrent receiver is not
 * supported (receives share the slots pcap_next_ex fills). After close a waiting receive returns
 * {@code null}, a later receive returns {@code null} at once and a later send throws; the handle is freed
 * when the last receive or send in progress leaves.
 */
public final class LiveCapture implements FrameChannel {
    private static final int SLICE_MS = 50;
    private static final int LINKTYPE_LINUX_SLL2 = 276;

    private final PcapHandle handle;
    private final LinkType linkType;
    private final String device;
    private final PollSupport poll;
    private final Pointer pcap;
    private final boolean nanoPrecision;
    /** Where pcap_next_ex puts its two pointers (a pointer's size each). */
    private final Memory headerSlot = new Memory(com.sun.jna.Native.POINTER_SIZE);
    private final Memory dataSlot = new Memory(com.sun.jna.Native.POINTER_SIZE);
    /**
     * struct pcap_pkthdr: a struct timeval of two C longs, then caplen and len (32 bits each). An instance field: as a
     * static one it initialised JNA's Native (java.util.logging, a look into the jar) in every call of
     * {@link #available()}, which a connect scan makes without opening any capture (issue 17).
     */
    private final int cLong = com.sun.jna.Native.LONG_SIZE;
    private final Object state = new Object();
    /**
     * Held around each libpcap call that may write the handle's one error buffer (pcap_next_ex,
     * pcap_sendpacket) until that buffer is read: a failed send reports its own error, never one a receive
     * wrote meanwhile, and senders take turns. Not held while waiting in poll.
     */
    private final Object errbuf = new Object();
    /** Receive and send calls working on the handle outside the lock; close frees it when the last one leaves. */
    private int inUse;
    /** The frames {@link #queue} holds for one sendmmsg; opened at the first queue, guarded by queueLock. */
    private FrameQueue queued;
    private final Object queueLock = new Object();
    private volatile boolean closeRequested;
    private boolean closed;
    private CaptureStats lastStats = CaptureStats.NONE;

    private LiveCapture(PcapHandle handle, String device) throws PcapNativeException, NotOpenException {
        this.handle = handle;
        this.device = device;
        this.linkType = LinkType.fromDlt(handle.getDlt().value());
        handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
        this.pcap = pcapPointer(handle);
        this.nanoPrecision = PollSupport.Pcap.pcap_get_tstamp_precision(pcap) == 1;
        this.poll = new PollSupport(PollSupport.Pcap.pcap_get_selectable_fd(pcap));
    }

    /**
     * Opens a live capture. Needs CAP_NET_RAW (exit 4 otherwise); an unknown interface or a bad filter is a
     * usage error (exit 2); a missing libpcap is exit 5.
     */
    public static LiveCapture open(CaptureOptions o) {
        Libpcap.require();
        String name = resolve(o.device());
        if (!Privileges.has(Privileges.CAP_NET_RAW)) {
            throw NetkitException.privilege("capturing on " + name, HelperCapture.howToCapture());
        }
        PcapHandle h = null;
        try {
            PcapHandle.Builder b = new PcapHandle.Builder(name)
                    .snaplen(o.snaplen() <= 0 ? PcapFileReader.MAX_CAPTURE : o.snaplen())
                    .promiscuousMode(o.promiscuous() ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(o.immediate() ? 1 : 100)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .immediateMode(o.immediate());
            if (o.bufferSize() > 0) {
                b.bufferSize(o.bufferSize());
            }
            h = b.build();
            if (name.equals("any")) {
                preferSll2(h);
            }
            if (o.filter() != null && !o.filter().isBlank()) {
                try {
                    h.setFilter(o.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
                } catch (PcapNativeException e) {
                    throw NetkitException.usage("bad filter '" + o.filter() + "': " + clean(e.getMessage()));
                }
            }
            return new LiveCapture(h, name);
        } catch (PcapNativeException | NotOpenException e) {
            if (h != null) {
                h.close();
            }
            throw openFailure(name, e.getMessage());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw Libpcap.missing();
        } catch (RuntimeException e) {
            if (h != null) {
                h.close();
            }
            throw e;
        }
    }

    /**
     * A live capture as this process may open one: through libpcap here when it holds CAP_NET_RAW (root), else
     * through netkit-helper when this user may run it (issue 18); exit 4 naming sudo and the group otherwise.
     */
    public static FrameChannel channel(CaptureOptions o) {
        if (Privileges.has(Privileges.CAP_NET_RAW) || !HelperCapture.runnable()) {
            return open(o);
        }
        Libpcap.require();
        return HelperCapture.open(o, resolve(o.device()));
    }

    /** True when {@link #channel} can open a capture: with CAP_NET_RAW, or through netkit-helper. */
    public static boolean available() {
        return Privileges.has(Privileges.CAP_NET_RAW) || HelperCapture.runnable();
    }

    /**
     * The capture of an engine that sends its own frames and reads the answers (arp, scan's discovery): {@code filter}
     * on {@code device}, not promiscuous, 256-byte snaps (headers are all such answers need).
     */
    public static FrameChannel forAnswers(String device, String filter) {
        return channel(CaptureOptions.on(device).withPromiscuous(false).withSnaplen(256).withFilter(filter));
    }

    /** Every interface libpcap can capture on, numbered from 1. */
    public static List<CaptureDevice> devices() {
        Libpcap.require();
        try {
            List<CaptureDevice> list = new ArrayList<>();
            int n = 1;
            for (PcapNetworkInterface d : Pcaps.findAllDevs()) {
                List<String> addrs = new ArrayList<>();
                for (PcapAddress a : d.getAddresses()) {
                    InetAddress ia = a.getAddress();
                    if (ia != null) {
                        addrs.add(dev.netkit.system.IpLiteral.format(ia)); // RFC 5952, without the %scope
                    }
                }
                list.add(new CaptureDevice(n++, d.getName(), d.getDescription(), List.copyOf(addrs),
                        d.isUp(), d.isRunning(), d.isLoopBack()));
            }
            return list;
        } catch (PcapNativeException e) {
            throw new NetkitException(ExitCode.NEGATIVE, "cannot list interfaces: " + clean(e.getMessage()));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw Libpcap.missing();
        }
    }

    /** The interface tcpdump would pick without -i: the first up, running, non-loopback one. */
    public static String defaultDevice() {
        for (CaptureDevice d : devices()) {
            if (d.up() && d.running() && !d.loopback() && !d.name().equals("any")
                    && !d.name().startsWith("nflog") && !d.name().startsWith("nfqueue")
                    && !d.name().startsWith("dbus") && !d.name().startsWith("bluetooth")) {
                return d.name();
            }
        }
        return "any";
    }

    /** A number selects the N-th device of {@link #devices()}; a name is used as it is. */
    public static String resolve(String device) {
        if (device == null || device.isEmpty()) {
            return defaultDevice();
        }
        if (device.chars().allMatch(Character::isDigit) && device.length() < 6) {
            int n = Integer.parseInt(device);
            for (CaptureDevice d : devices()) {
                if (d.number() == n) {
                    return d.name();
                }
            }
            throw NetkitException.usage("there is no interface number " + n + " (netkit sniff -D lists them)");
        }
        return device;
    }

    private static NetkitException openFailure(String name, String message) {
        String m = clean(message);
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("permitted") || lower.contains("permission")) {
            return NetkitException.privilege("capturing on " + name, HelperCapture.howToCapture());
        }
        if (lower.contains("no such device") || lower.contains("doesn't exist") || lower.contains("not exist")) {
            return NetkitException.usage("there is no interface '" + name + "' (netkit sniff -D lists them)");
        }
        return new NetkitException(ExitCode.NEGATIVE, "cannot capture on " + name + ": " + m);
    }

    private static String clean(String m) {
        return m == null ? "unknown error" : m.strip();
    }

    private static void preferSll2(PcapHandle h) {
        try {
            for (DataLinkType t : h.listDatalinks()) {
                if (t.value() == LINKTYPE_LINUX_SLL2) {
                    h.setDlt(t);
                    return;
                }
            }
        } catch (PcapNativeException | NotOpenException e) {
            // keep LINUX_SLL
        }
    }

    /** pcap4j keeps the pcap_t private; poll needs its selectable descriptor. */
    private static Pointer pcapPointer(PcapHandle h) {
        try {
            Field f = PcapHandle.class.getDeclaredField("handle");
            f.setAccessible(true);
            return (Pointer) f.get(h);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new NetkitException(70, "pcap4j changed: cannot reach its pcap_t (" + e + ")");
        }
    }

    public String device() {
        return device;
    }

    @Override
    public LinkType linkType() {
        return linkType;
    }

    @Override
    public CapturedFrame receive(long deadlineNanos) {
        synchronized (state) {
            if (closeRequested) {
                return null;
            }
            inUse++;
        }
        try {
            while (!closeRequested) {
                // pcap_next_ex direct-mapped: pcap4j's proxy binding and its Timestamp objects cost more than
                // reading the frame from libpcap's ring at flood rates.
                int rc;
                String why = null;
                synchronized (errbuf) {
                    rc = PollSupport.Pcap.pcap_next_ex(pcap, headerSlot, dataSlot);
                    if (rc < 0 && rc != -2) {
                        why = error();
                    }
                }
                if (rc == 1) {
                    Pointer h = headerSlot.getPointer(0);
                    long seconds = cLong == 8 ? h.getLong(0) : h.getInt(0);
                    long fraction = cLong == 8 ? h.getLong(cLong) : h.getInt(cLong);
                    int caplen = h.getInt(2L * cLong);
                    int len = h.getInt(2L * cLong + 4);
                    byte[] raw = dataSlot.getPointer(0).getByteArray(0, caplen);
                    long nanos = seconds * 1_000_000_000L + (nanoPrecision ? fraction : fraction * 1000);
                    return new CapturedFrame(nanos, linkType, Math.max(len, caplen), raw);
                }
                if (rc == -2) {
                    return null;
                }
                if (rc < 0) {
                    if (why == null) {
                        return null; // closed under us
                    }
                    throw new NetkitException(ExitCode.NEGATIVE, "capture on " + device + " failed: " + clean(why));
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                poll.awaitReadable((int) Math.min(SLICE_MS, (left + 999_999) / 1_000_000));
            }
            return null;
        } finally {
            leave();
        }
    }

    /** Ends a receive or send; the last one out after a close request frees the handle. */
    private void leave() {
        synchronized (state) {
            inUse--;
            if (closeRequested && inUse == 0) {
                release();
            }
        }
    }

    @Override
    public boolean ended() {
        return closeRequested;
    }

    @Override
    public void send(byte[] frame) {
        enter();
        // outside the state lock: a send blocked on a full socket buffer must not hold up stats or close();
        // close() waits for it through inUse instead of freeing the handle under it
        String why = null;
        try {
            synchronized (errbuf) {
                if (PollSupport.Pcap.pcap_sendpacket(pcap, frame, frame.length) != 0) {
                    why = error();
                    if (why == null) {
                        why = "capture closed";
                    }
                }
            }
        } finally {
            leave();
        }
        if (why != null) {
            throw new NetkitException(ExitCode.NEGATIVE, "cannot send on " + device + ": " + clean(why));
        }
    }

    /**
     * Queues the frame on a send-only packet socket of this interface (see {@link FrameQueue}): sent with the
     * others at the next {@link #flush()} in one sendmmsg, not through libpcap. Unlike {@link #send}'s frames,
     * this capture sees these go out (when its filter takes them).
     */
    @Override
    public void queue(byte[] frame) {
        enter();
        try {
            synchronized (queueLock) {
                if (queued == null) {
                    queued = FrameQueue.open(device);
                }
                queued.add(frame);
            }
        } finally {
            leave();
        }
    }

    @Override
    public void flush() {
        enter();
        try {
            synchronized (queueLock) {
                if (queued != null) {
                    queued.flush();
                }
            }
        } finally {
            leave();
        }
    }

    /** Starts a send; throws when the capture is closed. */
    private void enter() {
        synchronized (state) {
            if (closeRequested) {
                throw new NetkitException(ExitCode.NEGATIVE, "cannot send on " + device + ": capture closed");
            }
            inUse++;
        }
    }

    /** The handle's error text; null when the handle is closed. Call with {@link #errbuf} held. */
    private String error() {
        try {
            return handle.getError();
        } catch (NotOpenException e) {
            return null;
        }
    }

    @Override
    public CaptureStats stats() {
        synchronized (state) {
            if (closed) {
                return lastStats;
            }
            return readStats();
        }
    }

    private CaptureStats readStats() {
        try {
            PcapStat s = handle.getStats();
            lastStats = new CaptureStats(s.getNumPacketsReceived(), s.getNumPacketsDropped(),
                    s.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException e) {
            // keep the last counts
        }
        return lastStats;
    }

    @Override
    public void close() {
        synchronized (state) {
            closeRequested = true;
            if (inUse == 0) {
                release();
            }
        }
    }

    private void release() {
        if (!closed) {
            readStats();
            closed = true;
            handle.close();
            synchronized (queueLock) {
                if (queued != null) {
                    queued.close();
                }
            }
        }
    }
}
