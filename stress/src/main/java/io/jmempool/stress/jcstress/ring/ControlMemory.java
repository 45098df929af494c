package io.jmempool.stress.jcstress.ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Off-heap memory for the negative controls. A control repeats one edge of the ring protocol by hand, through the
 * same {@link io.jmempool.internal.Mem} accessors, with the release or acquire replaced by a weaker mode; the counters
 * sit 128 bytes apart and the slots follow, as in the ring's own layout.
 */
final class ControlMemory {
    static final long PROD_HEAD = 0;
    static final long PROD_TAIL = 128;
    static final long CONS_HEAD = 256;
    static final long CONS_TAIL = 384;
    static final long SLOT_0 = 512;
    static final long SLOT_1 = 520;

    private ControlMemory() {
    }

    /** Zeroed memory that the garbage collector frees with the state. */
    static MemorySegment allocate() {
        return Arena.ofAuto().allocate(SLOT_0 + 4 * Long.BYTES, 128);
    }
}
