package io.jmempool.internal;

import java.lang.foreign.MemorySegment;

/**
 * Argument checks shared by the ring and the mempool. Each failure names the parameter, its value and the limit, and
 * is thrown before anything changes.
 */
public final class Check {
    private Check() {
    }

    /**
     * Checks that the array is not null, that {@code n >= 0} and that {@code [offset, offset + n)} lies inside it.
     *
     * @param param the array parameter's name, for the message
     * @param array the array
     * @param offset first index
     * @param n number of elements
     * @throws NullPointerException if the array is null
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws IndexOutOfBoundsException if the range does not fit
     */
    public static void arrayRange(String param, long[] array, int offset, int n) {
        if (array == null) {
            throw new NullPointerException(param + " is null");
        }
        int length = array.length;
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + ": must be >= 0");
        }
        if (offset < 0 || offset > length - n) {
            throw new IndexOutOfBoundsException(param + ": offset = " + offset + ", n = " + n
                    + ": the range [offset, offset + n) must lie in [0, " + length + ")");
        }
    }

    /**
     * Checks an optional out-parameter array: null, or at least one element long.
     *
     * @param param its name, for the message
     * @param out the array or null
     */
    public static void outParam(String param, int[] out) {
        if (out != null && out.length == 0) {
            throw new IndexOutOfBoundsException(param + ".length = 0: must be >= 1 (or pass null)");
        }
    }

    /**
     * Checks that {@code [offset, offset + bytes)} lies inside a live segment, writable if asked.
     *
     * @param param the segment parameter's name, for the message
     * @param s the segment
     * @param offset byte offset
     * @param bytes number of bytes
     * @param write whether the call writes to it
     */
    public static void segmentRange(String param, MemorySegment s, long offset, long bytes, boolean write) {
        if (s == null) {
            throw new NullPointerException(param + " is null");
        }
        if (!s.scope().isAlive()) {
            throw new IllegalStateException(param + ": the segment's arena is closed");
        }
        if (write && s.isReadOnly()) {
            throw new IllegalArgumentException(param + ": the segment is read-only");
        }
        if (offset < 0 || bytes < 0 || offset > s.byteSize() - bytes) {
            throw new IndexOutOfBoundsException(param + ": offset = " + offset + ", bytes = " + bytes
                    + ": the range must lie in [0, " + s.byteSize() + ")");
        }
    }
}
