package io.jmempool.properties.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * How a value travels as an element of any size. Values are distinct positive ints. Word 0 of an element is the value
 * and every further 32-bit word a different mix of it, so that a torn, shifted or misplaced copy cannot decode. An
 * 8-byte element is the same bytes whether it goes through the {@code long[]} calls or the segment calls, so one ring
 * can be driven through both.
 */
final class Elements {
    /** What caller buffers hold before a call, so that a stray write shows. */
    static final byte SENTINEL_BYTE = (byte) 0xA5;
    static final long SENTINEL_LONG = 0xA5A5_A5A5_A5A5_A5A5L;
    static final int SENTINEL_INT = 0xA5A5_A5A5;

    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private Elements() {
    }

    static int word(int value, int wordIndex) {
        return wordIndex == 0 ? value : (value ^ (wordIndex * 0x7F4A_7C15)) * 0x9E37_79B1;
    }

    /** The 8-byte element of {@code value}, as the {@code long[]} calls see it. */
    static long asLong(int value) {
        long w0 = word(value, 0) & 0xFFFF_FFFFL;
        long w1 = word(value, 1) & 0xFFFF_FFFFL;
        return LITTLE ? (w1 << 32) | w0 : (w0 << 32) | w1;
    }

    static int fromLong(long element) {
        int value = (int) (LITTLE ? element : element >>> 32);
        if (asLong(value) != element) {
            throw new AssertionError("torn 8-byte element 0x" + Long.toHexString(element));
        }
        return value;
    }

    static void write(MemorySegment seg, long offset, int esize, int value) {
        for (int w = 0; w < esize / 4; w++) {
            seg.set(ValueLayout.JAVA_INT_UNALIGNED, offset + 4L * w, word(value, w));
        }
    }

    static int read(MemorySegment seg, long offset, int esize) {
        int value = seg.get(ValueLayout.JAVA_INT_UNALIGNED, offset);
        for (int w = 1; w < esize / 4; w++) {
            int got = seg.get(ValueLayout.JAVA_INT_UNALIGNED, offset + 4L * w);
            if (got != word(value, w)) {
                throw new AssertionError("torn " + esize + "-byte element: word " + w + " of value " + value + " is 0x"
                        + Integer.toHexString(got));
            }
        }
        return value;
    }
}
