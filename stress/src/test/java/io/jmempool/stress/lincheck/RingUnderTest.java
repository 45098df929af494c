package io.jmempool.stress.lincheck;

import io.jmempool.internal.TestHooks;
import io.jmempool.ring.Ring;
import io.jmempool.stress.jcstress.ring.RingPool;
import io.jmempool.stress.mutant.HappensBefore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The ring as a Lincheck test subject: one fresh ring per invocation, and the operations every mode class exposes
 * (single, bulk and burst, each way), checked against {@link BoundedFifoSpec}.
 *
 * <h2>Why the scenarios never fill the ring</h2>
 * A correct DPDK ring is not linearizable to a strict bounded FIFO once it can fill: a producer computes free space
 * from the consumer <em>tail</em> and the producer <em>head</em>, so it reports "full" while a dequeue that has
 * already taken its elements has not released their slots, or while another enqueue has claimed slots it has not
 * published. On an MP/MC ring of capacity 1 holding {@code a}: thread 1 claims {@code a} and stalls before its
 * release; thread 2's dequeue finds the ring empty, so the dequeue of {@code a} must come first; then thread 2's
 * enqueue fails, though the queue is empty by then. {@link FullRingIsNotStrictlyLinearizableTest} shows Lincheck
 * finding exactly this. A deterministic sequential specification cannot say "full, because of something in flight";
 * a custom verifier could, but it would re-implement the linearizability search with a non-deterministic "held
 * slots" state, which is what the TLA+ refinement already checks. So the ring here has {@value #CAPACITY} slots,
 * more than any scenario can enqueue ({@link LincheckRuns} keeps at most {@value LincheckRuns#MAX_ELEMENTS}), and the
 * specification is strict: a spurious "full" still fails the check. The full ring is covered single-threaded by the
 * property tests (properties/) and the conformance tests (src/test), and the early "full" under concurrency by the
 * TLA+ spec (spec/Ring.tla refines spec/BoundedFifo.tla, whose one relaxation counts the slots of in-flight operations
 * as held).
 *
 * <p>The indices start at {@value #START}, so the first elements cross both the slot-array wrap and the 2^32 wrap of
 * the free-running indices.
 *
 * <p>Rings are not specialised: a specialised ring is a hidden class, which Lincheck's instrumentation does not see
 * (RingProgressTest.specialisedRingIsInvisibleToModelChecking shows it), and which the mutant agent cannot rewrite.
 */
@Param(name = "value", gen = IntGen.class, conf = "1:9")
@Param(name = "n", gen = IntGen.class, conf = "1:3")
public abstract class RingUnderTest {
    static final int COUNT = 32;
    static final int CAPACITY = COUNT - 1;
    static final int START = -5;
    /** What {@code dequeue()} returns for an empty ring; elements are positive. */
    static final long EMPTY = -1;

    /**
     * One ring per mode class, scrubbed for each invocation. Lincheck has no tear-down hook, and creating and closing
     * a ring (a shared arena, whose close is a thread handshake) per invocation cost more than the check itself.
     */
    private static final Map<Class<?>, Ring> RINGS = new ConcurrentHashMap<>();

    private final Ring ring;

    protected RingUnderTest(int flags) {
        this(flags, false, COUNT);
    }

    /**
     * A ring of {@code count} slots; with {@code specialized}, a hidden class. Both only for the tests that show what
     * the checks above cannot do (RingProgressTest, FullRingIsNotStrictlyLinearizableTest).
     */
    protected RingUnderTest(int flags, boolean specialized, int count) {
        ring = RINGS.computeIfAbsent(getClass(), c -> Ring.builder("lincheck-" + c.getSimpleName()
                .replace("LincheckTest", "")).count(count).flags(flags).specialized(specialized).create());
        // For the race detector (a no-op otherwise): the previous invocation happens-before this constructor, and
        // the constructor happens-before the invocation's threads; Lincheck orders both by its own synchronisation.
        HappensBefore.reset();
        scrub(ring);
        HappensBefore.reset();
    }

    /**
     * Zeroes every slot (so that no element of an earlier invocation can pass for a new one: elements are positive)
     * and sets the indices to {@link #START}. The previous invocation has finished: Lincheck runs them one by one.
     */
    private static void scrub(Ring ring) {
        RingPool.zeroSlots(ring);
        TestHooks.startIndicesAt(ring, START);
    }

    /** The {@code n} elements an enqueue of {@code value} carries: distinct per value, positive. */
    static long[] elements(int value, int n) {
        long[] e = new long[n];
        for (int i = 0; i < n; i++) {
            e[i] = value * 10L + i;
        }
        return e;
    }

    protected final boolean enqueueOne(int value) {
        return ring.enqueue(elements(value, 1)[0]);
    }

    protected final int enqueueBulkOf(int value, int n) {
        return ring.enqueueBulk(elements(value, n), 0, n);
    }

    protected final int enqueueBurstOf(int value, int n) {
        return ring.enqueueBurst(elements(value, n), 0, n);
    }

    protected final long dequeueOne() {
        long[] out = new long[1];
        return ring.dequeue(out, 0) ? out[0] : EMPTY;
    }

    protected final List<Long> dequeueBulkOf(int n) {
        long[] out = new long[n];
        return list(out, ring.dequeueBulk(out, 0, n));
    }

    protected final List<Long> dequeueBurstOf(int n) {
        long[] out = new long[n];
        return list(out, ring.dequeueBurst(out, 0, n));
    }

    private static List<Long> list(long[] out, int n) {
        List<Long> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(out[i]);
        }
        return l;
    }
}
