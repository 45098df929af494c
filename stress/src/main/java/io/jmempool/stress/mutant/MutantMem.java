package io.jmempool.stress.mutant;

import io.jmempool.internal.Mem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Broken replacements for {@link Mem} calls, for the mutants. Each goes through {@link Mem} for its individual
 * accesses, so that a model checker that treats {@code Mem} as atomic can switch threads between them.
 */
public final class MutantMem {
    private MutantMem() {
    }

    /**
     * A "CAS" that is a load and a separate store: what a CAS written without an atomic instruction does. Same
     * signature and contract as {@link Mem#casInt}, except that another thread may store between the two steps.
     *
     * @param s segment
     * @param offset byte offset
     * @param expected the value the caller last saw
     * @param update the value to install
     * @return the value loaded
     */
    public static int casIntGetThenSet(MemorySegment s, long offset, int expected, int update) {
        int current = Mem.getIntAcquire(s, offset);
        if (current == expected) {
            Mem.setIntRelease(s, offset, update);
        }
        return current;
    }

    /**
     * A 64-bit store made of eight byte stores, lowest address first: what a byte-wise copy does. Same signature and
     * contract as {@link Mem#setLongPlain}, except that a concurrent reader can see some bytes old and some new.
     * The bytes bypass {@link Mem}, which has no byte accessor.
     *
     * @param s segment
     * @param offset byte offset
     * @param value the value
     */
    public static void setLongBytewise(MemorySegment s, long offset, long value) {
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int i = 0; i < Long.BYTES; i++) {
            s.set(ValueLayout.JAVA_BYTE, offset + i, (byte) (value >>> (8 * (little ? i : Long.BYTES - 1 - i))));
        }
    }
}
