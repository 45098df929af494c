package io.jmempool.properties.ring;

import io.jmempool.properties.ring.RingCommand.Api;
import io.jmempool.properties.ring.RingCommand.Kind;
import io.jmempool.properties.ring.RingCommand.Out;
import io.jmempool.properties.ring.RingCommand.Side;
import io.jmempool.properties.ring.RingCommand.Transfer;
import io.jmempool.ring.Ring;

import java.lang.foreign.MemorySegment;

/**
 * The one place that calls the ring's data path: every public enqueue and dequeue overload, chosen by a
 * {@link Transfer}'s shape, with whatever arguments the caller built (valid ones from the model runner, broken ones
 * from the bad-input properties).
 */
final class Calls {
    private Calls() {
    }

    /**
     * Makes the call and returns what it returned, a boolean as 1 or 0.
     *
     * @param value the element of {@code enqueue(long)} and its moded forms
     * @param objs the array of the other {@code long[]} calls
     * @param seg the segment of the segment calls
     * @param offset array index or byte offset
     * @param n the count, ignored by single-element calls
     * @param out the out-parameter, ignored when the shape has none
     */
    static int invoke(Ring r, Transfer t, long value, long[] objs, MemorySegment seg, long offset, int n, int[] out) {
        if (t.api() == Api.LONGS) {
            int off = Math.toIntExact(offset);
            if (t.kind() == Kind.SINGLE) {
                return t.enqueue() ? bit(enqueueOne(r, t.side(), value)) : bit(dequeueOne(r, t.side(), objs, off));
            }
            boolean bulk = t.kind() == Kind.BULK;
            if (t.out() == Out.ABSENT) {
                if (t.enqueue()) {
                    return bulk ? r.enqueueBulk(objs, off, n) : r.enqueueBurst(objs, off, n);
                }
                return bulk ? r.dequeueBulk(objs, off, n) : r.dequeueBurst(objs, off, n);
            }
            return t.enqueue() ? enqueueLongs(r, t.side(), bulk, objs, off, n, out)
                    : dequeueLongs(r, t.side(), bulk, objs, off, n, out);
        }
        if (t.kind() == Kind.SINGLE) {
            return bit(t.enqueue() ? r.enqueue(seg, offset) : r.dequeue(seg, offset));
        }
        boolean bulk = t.kind() == Kind.BULK;
        return t.enqueue() ? enqueueSegment(r, t.side(), bulk, seg, offset, n, out)
                : dequeueSegment(r, t.side(), bulk, seg, offset, n, out);
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    private static boolean enqueueOne(Ring r, Side side, long value) {
        return switch (side) {
            case DEFAULT -> r.enqueue(value);
            case SINGLE_THREAD -> r.spEnqueue(value);
            case MULTI_THREAD -> r.mpEnqueue(value);
        };
    }

    private static boolean dequeueOne(Ring r, Side side, long[] obj, int index) {
        return switch (side) {
            case DEFAULT -> r.dequeue(obj, index);
            case SINGLE_THREAD -> r.scDequeue(obj, index);
            case MULTI_THREAD -> r.mcDequeue(obj, index);
        };
    }

    private static int enqueueLongs(Ring r, Side side, boolean bulk, long[] objs, int off, int n, int[] free) {
        return switch (side) {
            case DEFAULT -> bulk ? r.enqueueBulk(objs, off, n, free) : r.enqueueBurst(objs, off, n, free);
            case SINGLE_THREAD -> bulk ? r.spEnqueueBulk(objs, off, n, free) : r.spEnqueueBurst(objs, off, n, free);
            case MULTI_THREAD -> bulk ? r.mpEnqueueBulk(objs, off, n, free) : r.mpEnqueueBurst(objs, off, n, free);
        };
    }

    private static int dequeueLongs(Ring r, Side side, boolean bulk, long[] objs, int off, int n, int[] avail) {
        return switch (side) {
            case DEFAULT -> bulk ? r.dequeueBulk(objs, off, n, avail) : r.dequeueBurst(objs, off, n, avail);
            case SINGLE_THREAD -> bulk ? r.scDequeueBulk(objs, off, n, avail) : r.scDequeueBurst(objs, off, n, avail);
            case MULTI_THREAD -> bulk ? r.mcDequeueBulk(objs, off, n, avail) : r.mcDequeueBurst(objs, off, n, avail);
        };
    }

    private static int enqueueSegment(Ring r, Side side, boolean bulk, MemorySegment src, long off, int n,
                                      int[] free) {
        return switch (side) {
            case DEFAULT -> bulk ? r.enqueueBulk(src, off, n, free) : r.enqueueBurst(src, off, n, free);
            case SINGLE_THREAD -> bulk ? r.spEnqueueBulk(src, off, n, free) : r.spEnqueueBurst(src, off, n, free);
            case MULTI_THREAD -> bulk ? r.mpEnqueueBulk(src, off, n, free) : r.mpEnqueueBurst(src, off, n, free);
        };
    }

    private static int dequeueSegment(Ring r, Side side, boolean bulk, MemorySegment dst, long off, int n,
                                      int[] avail) {
        return switch (side) {
            case DEFAULT -> bulk ? r.dequeueBulk(dst, off, n, avail) : r.dequeueBurst(dst, off, n, avail);
            case SINGLE_THREAD -> bulk ? r.scDequeueBulk(dst, off, n, avail) : r.scDequeueBurst(dst, off, n, avail);
            case MULTI_THREAD -> bulk ? r.mcDequeueBulk(dst, off, n, avail) : r.mcDequeueBurst(dst, off, n, avail);
        };
    }
}
