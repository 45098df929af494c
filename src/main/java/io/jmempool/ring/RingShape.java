package io.jmempool.ring;

import java.lang.constant.ConstantDescs;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;

/**
 * The immutable facts about one ring that its hot paths need. It is a record because HotSpot trusts record fields
 * as constants: when a ring's class is specialised (see {@link OffHeapRing}), the shape is a constant and so are the
 * segment, the mask and the mode, and the JIT folds the bounds and liveness checks that FFM does on every access.
 *
 * @param seg the ring's memory: header, counters and slots
 * @param size number of slots, a power of two
 * @param mask {@code size - 1}
 * @param capacity usable slots: {@code size - 1}, or the requested count with {@code EXACT_SZ}
 * @param esize element size in bytes, a multiple of 4
 * @param flags the creation flags
 * @param spEnq the default enqueue is single-producer
 * @param scDeq the default dequeue is single-consumer
 */
record RingShape(MemorySegment seg, int size, int mask, int capacity, int esize, int flags,
                 boolean spEnq, boolean scDeq) {

    /**
     * The shape a specialised class was defined with, or null for the shared class. Called once, from the class's
     * static initialiser, with the class's own lookup.
     */
    static RingShape fromClassData(MethodHandles.Lookup lookup) {
        try {
            return MethodHandles.classData(lookup, ConstantDescs.DEFAULT_NAME, RingShape.class);
        } catch (IllegalAccessException e) {
            throw new AssertionError("a class's own lookup has full access", e);
        }
    }
}
