package io.jmempool.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The single accessor through which every shared off-heap access of the ring and the mempool goes.
 *
 * <p>Why one class: each method name states its access mode, so a call site reads as its ordering contract, and the
 * verification tools can see every shared access. Lincheck's model checker cannot see FFM memory on its own; told to
 * treat this class's methods as atomic, it switches threads around each call and finds interleavings that involve
 * off-heap state. JCStress and the seeded mutants name these methods too.
 *
 * <p>Modes, weakest first: {@code Plain} (no ordering, may be hoisted), {@code Opaque} (coherent, never hoisted;
 * C11 relaxed), {@code Acquire} / {@code Release} (C11 acquire and release), and {@code cas}, a volatile
 * compare-and-exchange (at least release on success and acquire on failure, which DPDK asks of its head CAS).
 *
 * <p>Offsets are in bytes from the start of the segment. Every method checks bounds and liveness as FFM always does: a
 * closed segment throws {@link IllegalStateException}, and nothing here can touch memory outside a segment.
 */
public final class Mem {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private Mem() {
    }

    /**
     * Plain 32-bit load.
     *
     * @param s segment
     * @param offset byte offset
     * @return the value
     */
    public static int getIntPlain(MemorySegment s, long offset) {
        return (int) INT.get(s, offset);
    }

    /**
     * Opaque (C11 relaxed) 32-bit load.
     *
     * @param s segment
     * @param offset byte offset
     * @return the value
     */
    public static int getIntOpaque(MemorySegment s, long offset) {
        return (int) INT.getOpaque(s, offset);
    }

    /**
     * Acquire 32-bit load: later loads and stores are not reordered before it.
     *
     * @param s segment
     * @param offset byte offset
     * @return the value
     */
    public static int getIntAcquire(MemorySegment s, long offset) {
        return (int) INT.getAcquire(s, offset);
    }

    /**
     * Plain 32-bit store.
     *
     * @param s segment
     * @param offset byte offset
     * @param value the value
     */
    public static void setIntPlain(MemorySegment s, long offset, int value) {
        INT.set(s, offset, value);
    }

    /**
     * Opaque (C11 relaxed) 32-bit store.
     *
     * @param s segment
     * @param offset byte offset
     * @param value the value
     */
    public static void setIntOpaque(MemorySegment s, long offset, int value) {
        INT.setOpaque(s, offset, value);
    }

    /**
     * Release 32-bit store: earlier loads and stores are not reordered after it.
     *
     * @param s segment
     * @param offset byte offset
     * @param value the value
     */
    public static void setIntRelease(MemorySegment s, long offset, int value) {
        INT.setRelease(s, offset, value);
    }

    /**
     * Volatile 32-bit compare-and-exchange.
     *
     * @param s segment
     * @param offset byte offset
     * @param expected the value the caller last saw
     * @param update the value to install
     * @return the witness: {@code expected} on success, the current value on failure
     */
    public static int casInt(MemorySegment s, long offset, int expected, int update) {
        return (int) INT.compareAndExchange(s, offset, expected, update);
    }

    /**
     * Plain 64-bit load.
     *
     * @param s segment
     * @param offset byte offset, 8-aligned
     * @return the value
     */
    public static long getLongPlain(MemorySegment s, long offset) {
        return (long) LONG.get(s, offset);
    }

    /**
     * Plain 64-bit store.
     *
     * @param s segment
     * @param offset byte offset, 8-aligned
     * @param value the value
     */
    public static void setLongPlain(MemorySegment s, long offset, long value) {
        LONG.set(s, offset, value);
    }

    /**
     * Opaque 64-bit load.
     *
     * @param s segment
     * @param offset byte offset, 8-aligned
     * @return the value
     */
    public static long getLongOpaque(MemorySegment s, long offset) {
        return (long) LONG.getOpaque(s, offset);
    }

    /**
     * Acquire 64-bit load.
     *
     * @param s segment
     * @param offset byte offset, 8-aligned
     * @return the value
     */
    public static long getLongAcquire(MemorySegment s, long offset) {
        return (long) LONG.getAcquire(s, offset);
    }

    /**
     * Opaque 64-bit store.
     *
     * @param s segment
     * @param offset byte offset, 8-aligned
     * @param value the value
     */
    public static void setLongOpaque(MemorySegment s, long offset, long value) {
        LONG.setOpaque(s, offset, value);
    }

    /**
     * Release 64-bit store.
     *
     * @param s segment
     * @param offset byte offset, 8-aligned
     * @param value the value
     */
    public static void setLongRelease(MemorySegment s, long offset, long value) {
        LONG.setRelease(s, offset, value);
    }

    /**
     * Volatile 64-bit compare-and-exchange.
     *
     * @param s segment
     * @param offset byte offset, 8-aligned
     * @param expected the value the caller last saw
     * @param update the value to install
     * @return the witness: {@code expected} on success, the current value on failure
     */
    public static long casLong(MemorySegment s, long offset, long expected, long update) {
        return (long) LONG.compareAndExchange(s, offset, expected, update);
    }

    /**
     * Plain copy of {@code count} longs from a heap array into a segment.
     *
     * @param src source array
     * @param srcIndex first element to copy
     * @param dst destination segment
     * @param dstOffset byte offset of the first destination slot, 8-aligned
     * @param count number of longs
     */
    public static void copyIn(long[] src, int srcIndex, MemorySegment dst, long dstOffset, int count) {
        // Below three elements the per-element stores beat the bulk copy's set-up; above, the bulk copy vectorises.
        if (count <= 2) {
            for (int i = 0; i < count; i++) {
                LONG.set(dst, dstOffset + ((long) i << 3), src[srcIndex + i]);
            }
        } else {
            MemorySegment.copy(src, srcIndex, dst, ValueLayout.JAVA_LONG, dstOffset, count);
        }
    }

    /**
     * Plain copy of {@code count} longs from a segment into a heap array.
     *
     * @param src source segment
     * @param srcOffset byte offset of the first source slot, 8-aligned
     * @param dst destination array
     * @param dstIndex first element to write
     * @param count number of longs
     */
    public static void copyOut(MemorySegment src, long srcOffset, long[] dst, int dstIndex, int count) {
        if (count <= 2) {
            for (int i = 0; i < count; i++) {
                dst[dstIndex + i] = (long) LONG.get(src, srcOffset + ((long) i << 3));
            }
        } else {
            MemorySegment.copy(src, ValueLayout.JAVA_LONG, srcOffset, dst, dstIndex, count);
        }
    }

    /**
     * Plain copy of {@code bytes} bytes between segments (any alignment; the ranges must not overlap).
     *
     * @param src source segment
     * @param srcOffset byte offset in the source
     * @param dst destination segment
     * @param dstOffset byte offset in the destination
     * @param bytes number of bytes
     */
    public static void copy(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long bytes) {
        MemorySegment.copy(src, srcOffset, dst, dstOffset, bytes);
    }
}
