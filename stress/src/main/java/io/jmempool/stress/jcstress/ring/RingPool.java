package io.jmempool.stress.jcstress.ring;

import io.jmempool.internal.TestHooks;
import io.jmempool.ring.Ring;

import java.lang.ref.Cleaner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rings for JCStress states, recycled rather than created and closed per state.
 *
 * <p>JCStress allocates a fresh state object for every sample (millions per test), and a ring owns a shared arena:
 * creating and closing one per state would cost an arena handshake each time and dominate the run. A state borrows a
 * ring here; when the state becomes unreachable (JCStress drops it only after both actors have finished with it), a
 * {@link Cleaner} scrubs the ring and returns it. The pool therefore grows to the number of states alive between two
 * garbage collections and then stays there.
 *
 * <p>Rings are not specialised: a per-state ring cannot be a JIT constant anyway, and the one shared class keeps the
 * actors' call sites monomorphic, so the JIT inlines the whole operation into the actor, which is where a compiler
 * reordering would show. The mutant agent also rewrites only the shared class.
 */
public final class RingPool {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong NAMES = new AtomicLong();

    private final int count;
    private final int flags;
    private final ConcurrentLinkedQueue<Ring> free = new ConcurrentLinkedQueue<>();

    RingPool(int count, int flags) {
        if (count < 2) {
            throw new IllegalArgumentException("count = " + count + ": the pool's rings must hold at least one element");
        }
        this.count = count;
        this.flags = flags;
    }

    /** A clean ring (indices 0, every slot 0) that goes back to the pool once {@code owner} is unreachable. */
    Ring borrow(Object owner) {
        Ring r = free.poll();
        if (r == null) {
            r = Ring.builder("jcstress-" + NAMES.incrementAndGet()).count(count).flags(flags).specialized(false)
                    .create();
        }
        Ring ring = r;
        CLEANER.register(owner, () -> giveBack(ring));
        return ring;
    }

    private void giveBack(Ring ring) {
        scrub(ring);
        free.offer(ring);
    }

    /**
     * Zeroes every slot and resets the indices, so that a value left by an earlier state can never pass for one the
     * current state published: the tests' values are all non-zero and 0 means "not written".
     */
    private static void scrub(Ring ring) {
        zeroSlots(ring);
        ring.reset();
    }

    /**
     * Writes 0 into every slot of an idle ring of 8-byte elements, through its own calls; leaves the indices
     * anywhere. Shared with the Lincheck checks, which scrub their rings the same way between invocations.
     *
     * @param ring a ring that no other thread uses now
     */
    public static void zeroSlots(Ring ring) {
        int capacity = ring.capacity();
        long[] zeros = new long[capacity];
        // Windows of `capacity` slots starting at 0, capacity, 2 * capacity... cover all `size` slots.
        for (int start = 0; start < ring.size(); start += capacity) {
            TestHooks.startIndicesAt(ring, start);
            ring.spEnqueueBulk(zeros, 0, capacity, null);
            ring.scDequeueBulk(zeros, 0, capacity, null);
        }
    }
}
