package io.jmempool.stress.mutant;

import io.jmempool.internal.Mem;

import java.lang.foreign.MemorySegment;

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
}
