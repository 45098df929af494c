package io.jmempool.ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One way of calling a ring, so that each conformance scenario runs over every API form: the long[] calls and the
 * MemorySegment calls of each element size, through the ring's default mode or the explicitly moded calls.
 *
 * <p>Values are non-negative ints. An element of {@code esize} bytes carries the value in its first word and a
 * different mix of it in every other word, so a torn or misplaced copy is detected on decode.
 */
enum RingAccess {
    LONGS(8, false),
    LONGS_MODED(8, true),
    ELEM4(4, false),
    ELEM8_MODED(8, true),
    ELEM16(16, false),
    ELEM20_MODED(20, true);

    final int esize;
    final boolean moded;

    RingAccess(int esize, boolean moded) {
        this.esize = esize;
        this.moded = moded;
    }

    boolean usesLongs() {
        return this == LONGS || this == LONGS_MODED;
    }

    Ring create(String name, int count, int flags, boolean specialized) {
        return Ring.builder(name).elementSize(esize).count(count).flags(flags).specialized(specialized).create();
    }

    static int word(long value, int wordIndex) {
        return wordIndex == 0 ? (int) value : (int) value * 0x9E3779B1 + wordIndex;
    }

    static void encode(MemorySegment seg, long offset, int esize, long value) {
        for (int w = 0; w < esize / 4; w++) {
            seg.set(ValueLayout.JAVA_INT_UNALIGNED, offset + 4L * w, word(value, w));
        }
    }

    static long decode(MemorySegment seg, long offset, int esize) {
        long value = seg.get(ValueLayout.JAVA_INT_UNALIGNED, offset);
        for (int w = 1; w < esize / 4; w++) {
            int got = seg.get(ValueLayout.JAVA_INT_UNALIGNED, offset + 4L * w);
            if (got != word(value, w)) {
                throw new AssertionError("torn element: word " + w + " of value " + value + " is " + got);
            }
        }
        return value;
    }

    /** Enqueues vals[off, off + n); bulk or burst; returns what the ring returned. */
    int enqueue(Ring r, long[] vals, int off, int n, boolean bulk, int[] freeSpace) {
        boolean sp = r.isProducerSingle();
        if (usesLongs()) {
            if (!moded) {
                return bulk ? r.enqueueBulk(vals, off, n, freeSpace) : r.enqueueBurst(vals, off, n, freeSpace);
            }
            if (bulk) {
                return sp ? r.spEnqueueBulk(vals, off, n, freeSpace) : r.mpEnqueueBulk(vals, off, n, freeSpace);
            }
            return sp ? r.spEnqueueBurst(vals, off, n, freeSpace) : r.mpEnqueueBurst(vals, off, n, freeSpace);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment src = a.allocate(Math.max(1, (long) n * esize));
            for (int i = 0; i < n; i++) {
                encode(src, (long) i * esize, esize, vals[off + i]);
            }
            if (!moded) {
                return bulk ? r.enqueueBulk(src, 0, n, freeSpace) : r.enqueueBurst(src, 0, n, freeSpace);
            }
            if (bulk) {
                return sp ? r.spEnqueueBulk(src, 0, n, freeSpace) : r.mpEnqueueBulk(src, 0, n, freeSpace);
            }
            return sp ? r.spEnqueueBurst(src, 0, n, freeSpace) : r.mpEnqueueBurst(src, 0, n, freeSpace);
        }
    }

    /** Dequeues into out[off, ...); bulk or burst; returns what the ring returned. */
    int dequeue(Ring r, long[] out, int off, int n, boolean bulk, int[] available) {
        boolean sc = r.isConsumerSingle();
        if (usesLongs()) {
            if (!moded) {
                return bulk ? r.dequeueBulk(out, off, n, available) : r.dequeueBurst(out, off, n, available);
            }
            if (bulk) {
                return sc ? r.scDequeueBulk(out, off, n, available) : r.mcDequeueBulk(out, off, n, available);
            }
            return sc ? r.scDequeueBurst(out, off, n, available) : r.mcDequeueBurst(out, off, n, available);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment dst = a.allocate(Math.max(1, (long) n * esize));
            int got;
            if (!moded) {
                got = bulk ? r.dequeueBulk(dst, 0, n, available) : r.dequeueBurst(dst, 0, n, available);
            } else if (bulk) {
                got = sc ? r.scDequeueBulk(dst, 0, n, available) : r.mcDequeueBulk(dst, 0, n, available);
            } else {
                got = sc ? r.scDequeueBurst(dst, 0, n, available) : r.mcDequeueBurst(dst, 0, n, available);
            }
            for (int i = 0; i < got; i++) {
                out[off + i] = decode(dst, (long) i * esize, esize);
            }
            return got;
        }
    }

    boolean enqueueOne(Ring r, long value) {
        if (usesLongs()) {
            if (!moded) {
                return r.enqueue(value);
            }
            return r.isProducerSingle() ? r.spEnqueue(value) : r.mpEnqueue(value);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment src = a.allocate(esize);
            encode(src, 0, esize, value);
            return moded ? (r.isProducerSingle() ? r.spEnqueueBulk(src, 0, 1, null) : r.mpEnqueueBulk(src, 0, 1, null)) == 1
                    : r.enqueue(src, 0);
        }
    }

    /** Returns the value, or -1 if the ring was empty. */
    long dequeueOne(Ring r) {
        if (usesLongs()) {
            long[] out = {-1};
            boolean ok = !moded ? r.dequeue(out, 0) : r.isConsumerSingle() ? r.scDequeue(out, 0) : r.mcDequeue(out, 0);
            return ok ? out[0] : -1;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment dst = a.allocate(esize);
            boolean ok = moded ? (r.isConsumerSingle() ? r.scDequeueBulk(dst, 0, 1, null)
                    : r.mcDequeueBulk(dst, 0, 1, null)) == 1 : r.dequeue(dst, 0);
            return ok ? decode(dst, 0, esize) : -1;
        }
    }
}
