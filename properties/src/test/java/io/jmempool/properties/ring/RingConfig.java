package io.jmempool.properties.ring;

import io.jmempool.internal.TestHooks;
import io.jmempool.ring.Ring;

/**
 * One ring to create: its default sync mode, its sizing, its element size, which class runs it, and where its
 * free-running 32-bit indices start. A start near 2^32 (or near 2^31, where a signed comparison would flip) makes the
 * wrap happen within a few elements.
 *
 * @param mode {@code 0}, {@code SP_ENQ | SC_DEQ}, {@code SP_ENQ} or {@code SC_DEQ}
 * @param exact whether {@code EXACT_SZ} is set
 * @param count the count passed at creation
 * @param esize element size in bytes
 * @param specialized whether the ring gets a hidden class of its own
 * @param start the value of all four indices after creation
 */
record RingConfig(int mode, boolean exact, int count, int esize, boolean specialized, int start) {
    /** The four sync modes of the issue. */
    static final int[] MODES = {0, Ring.SP_ENQ | Ring.SC_DEQ, Ring.SP_ENQ, Ring.SC_DEQ};

    int flags() {
        return mode | (exact ? Ring.EXACT_SZ : 0);
    }

    /** DPDK's rule: one slot stays free unless EXACT_SZ. */
    int capacity() {
        return exact ? count : count - 1;
    }

    /** Slots: the count, or with EXACT_SZ the next power of two above it. */
    int slots() {
        return !exact ? count : count == 0 ? 1 : Integer.highestOneBit(count) << 1;
    }

    RingConfig startingAt(int newStart) {
        return new RingConfig(mode, exact, count, esize, specialized, newStart);
    }

    Ring create(String name) {
        Ring r = Ring.builder(name).elementSize(esize).count(count).flags(flags()).specialized(specialized).create();
        TestHooks.startIndicesAt(r, start);
        return r;
    }

    static String modeName(int mode) {
        return ((mode & Ring.SP_ENQ) != 0 ? "SP" : "MP") + "/" + ((mode & Ring.SC_DEQ) != 0 ? "SC" : "MC");
    }

    @Override
    public String toString() {
        return modeName(mode) + (exact ? " EXACT_SZ" : "") + " count=" + count + " (capacity " + capacity() + ") esize="
                + esize + (specialized ? " specialized" : " shared") + " start=0x" + Integer.toHexString(start);
    }
}
