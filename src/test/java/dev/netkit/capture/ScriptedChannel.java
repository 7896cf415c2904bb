package dev.netkit.capture;

import dev.netkit.packet.LinkType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A scripted {@link FrameChannel} for engine tests: frames queued with {@link #deliver}, and a responder that
 * turns each sent frame into the frames the "network" answers with. Time is virtual: a receive on an empty
 * queue returns {@code null} at once, as if its deadline had passed, and counts it in {@link #timeouts()}.
 *
 * <pre>
 * ScriptedChannel wire = new ScriptedChannel(LinkType.EN10MB)
 *         .onSend(frame -&gt; List.of(CapturedFrame.of(0, LinkType.EN10MB, replyTo(frame))));
 * </pre>
 */
public final class ScriptedChannel implements FrameChannel {
    private final LinkType linkType;
    private final Deque<CapturedFrame> inbound = new ArrayDeque<>();
    private final List<byte[]> sent = new ArrayList<>();
    private Function<byte[], List<CapturedFrame>> responder = frame -> List.of();
    private boolean closed;
    private boolean endWhenEmpty;
    private int timeouts;

    public ScriptedChannel(LinkType linkType) {
        this.linkType = linkType;
    }

    /** Queues frames that receive returns in order. */
    public ScriptedChannel deliver(CapturedFrame... frames) {
        inbound.addAll(List.of(frames));
        return this;
    }

    /** What the network answers to each sent frame (the answer is queued after the frames already queued). */
    public ScriptedChannel onSend(Function<byte[], List<CapturedFrame>> r) {
        this.responder = r;
        return this;
    }

    /** Behave like a file: once the queue is empty the channel has ended. */
    public ScriptedChannel endWhenEmpty() {
        this.endWhenEmpty = true;
        return this;
    }

    /** Every frame sent so far, in order. */
    public List<byte[]> sent() {
        return sent;
    }

    /** How many receives found nothing and returned at their deadline. */
    public int timeouts() {
        return timeouts;
    }

    @Override
    public LinkType linkType() {
        return linkType;
    }

    @Override
    public CapturedFrame receive(long deadlineNanos) {
        CapturedFrame f = closed ? null : inbound.poll();
        if (f == null && !ended()) {
            timeouts++;
        }
        return f;
    }

    @Override
    public boolean ended() {
        return closed || (endWhenEmpty && inbound.isEmpty());
    }

    @Override
    public void send(byte[] frame) {
        if (closed) {
            throw new IllegalStateException("channel closed");
        }
        sent.add(frame.clone());
        inbound.addAll(responder.apply(frame));
    }

    @Override
    public CaptureStats stats() {
        return new CaptureStats(sent.size(), 0, 0);
    }

    @Override
    public void close() {
        closed = true;
    }
}
