package io.jmempool.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jmempool.internal.TestHooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DPDK's ring conformance scenarios (dpdk-behaviour.md §6, numbers in the method names), each run over every sync
 * mode, every API form ({@link RingAccess}) and both the specialised and the shared ring class. The scenarios about
 * creation and names, which do not depend on the mode, are in {@link RingLifecycleTest}.
 */
class RingConformanceTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private final List<Ring> rings = new ArrayList<>();

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        int[] modes = {0, Ring.SP_ENQ | Ring.SC_DEQ, Ring.SP_ENQ, Ring.SC_DEQ};
        for (int flags : modes) {
            for (RingAccess access : RingAccess.values()) {
                for (boolean specialized : new boolean[] {true, false}) {
                    all.add(Arguments.of(flags, access, specialized));
                }
            }
        }
        return all.stream();
    }

    static String mode(int flags) {
        return ((flags & Ring.SP_ENQ) != 0 ? "SP" : "MP") + "/" + ((flags & Ring.SC_DEQ) != 0 ? "SC" : "MC");
    }

    private Ring ring(int count, int flags, RingAccess access, boolean specialized) {
        Ring r = access.create("conf" + NAMES.incrementAndGet(), count, flags, specialized);
        rings.add(r);
        assertEquals(specialized, r.isSpecialized());
        assertEquals(specialized, r.getClass().isHidden());
        return r;
    }

    @AfterEach
    void freeRings() {
        rings.forEach(Ring::close);
    }

    private static long[] seq(int from, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + i;
        }
        return v;
    }

    @ParameterizedTest(name = "{index}: {0} {1} specialized={2}")
    @MethodSource("cases")
    void s04CountOneHasCapacityZeroAndCountTwoCapacityOne(int flags, RingAccess a, boolean spec) {
        Ring r = ring(1, flags, a, spec);
        assertEquals(0, r.capacity());
        assertFalse(a.enqueueOne(r, 7));
        assertEquals(0, a.enqueue(r, seq(0, 1), 0, 1, true, null));
        assertEquals(0, a.enqueue(r, seq(0, 1), 0, 1, false, null));
        assertTrue(r.isFull());
        assertTrue(r.isEmpty());
        Ring two = ring(2, flags, a, spec);
        assertEquals(1, two.capacity());
        assertTrue(a.enqueueOne(two, 7));
        assertFalse(a.enqueueOne(two, 8));
        assertEquals(7, a.dequeueOne(two));
    }

    @ParameterizedTest(name = "{index}: {0} {1} specialized={2}")
    @MethodSource("cases")
    void s08FillSingleThenOneMoreFailsThenDrain(int flags, RingAccess a, boolean spec) {
        Ring r = ring(4096, flags, a, spec);
        for (int i = 0; i < 4095; i++) {
            assertTrue(a.enqueueOne(r, i), "enqueue " + i);
        }
        assertFalse(a.enqueueOne(r, 4095));
        assertTrue(r.isFull());
        assertEquals(4095, r.count());
        assertEquals(0, r.freeCount());
        for (int i = 0; i < 4095; i++) {
            assertEquals(i, a.dequeueOne(r));
        }
        assertEquals(-1, a.dequeueOne(r));
        assertTrue(r.isEmpty());
        assertEquals(0, r.count());
    }

    @ParameterizedTest(name = "{index}: {0} {1} specialized={2}")
    @MethodSource("cases")
    void s09ExactSizeHoldsTheCountAndPlainHoldsOneLess(int flags, RingAccess a, boolean spec) {
        Ring exact = ring(16, flags | Ring.EXACT_SZ, a, spec);
        Ring plain = ring(16, flags, a, spec);
        assertEquals(32, exact.size());
        assertEquals(16, exact.capacity());
        for (int i = 0; i < 15; i++) {
            assertTrue(a.enqueueOne(exact, i));
            assertTrue(a.enqueueOne(plain, i));
        }
        assertTrue(a.enqueueOne(exact, 15));
        assertFalse(a.enqueueOne(plain, 15));
        long[] out = new long[16];
        assertEquals(16, a.dequeue(exact, out, 0, 16, false, null));
        assertArrayEquals(seq(0, 16), out);
        assertTrue(plain.size() <= exact.size());
    }

    @ParameterizedTest(name = "{index}: {0} {1} specialized={2}")
    @MethodSource("cases")
    void s11BulkIsAllOrNothingAndBurstTakesWhatFits(int flags, RingAccess a, boolean spec) {
        Ring r = ring(8, flags, a, spec); // capacity 7
        assertEquals(2, a.enqueue(r, seq(100, 2), 0, 2, true, null)); // free = 5
        int[] before = TestHooks.ringIndices(r);
        assertEquals(0, a.enqueue(r, seq(0, 6), 0, 6, true, null));
        assertArrayEquals(before, TestHooks.ringIndices(r), "a failed bulk enqueue changed the indices");
        assertEquals(5, a.enqueue(r, seq(0, 6), 0, 6, false, null));
        assertEquals(7, r.count());
        // Dequeue, mirrored: 7 entries; drain 2 so that 5 remain.
        long[] out = new long[8];
        assertEquals(2, a.dequeue(r, out, 0, 2, true, null));
        assertEquals(100, out[0]);
        assertEquals(101, out[1]);
        before = TestHooks.ringIndices(r);
        assertEquals(0, a.dequeue(r, out, 0, 6, true, null));
        assertArrayEquals(before, TestHooks.ringIndices(r), "a failed bulk dequeue changed the indices");
        assertEquals(5, a.dequeue(r, out, 0, 6, false, null));
        assertArrayEquals(seq(0, 5), java.util.Arrays.copyOf(out, 5));
    }

    @ParameterizedTest(name = "{index}: {0} {1} specialized={2}")
    @MethodSource("cases")
    void s12OutParamsAreSetEvenWhenNothingMoves(int flags, RingAccess a, boolean spec) {
        Ring r = ring(16, flags, a, spec); // capacity 15
        int[] free = {-1};
        int[] avail = {-1};
        assertEquals(4, a.enqueue(r, seq(0, 4), 0, 4, true, free));
        assertEquals(r.capacity() - r.count(), free[0]);
        assertEquals(11, free[0]);
        free[0] = -1;
        assertEquals(0, a.enqueue(r, seq(0, 12), 0, 12, true, free));
        assertEquals(11, free[0], "a failed bulk enqueue reports the current free space");
        free[0] = -1;
        assertEquals(0, a.enqueue(r, seq(0, 0), 0, 0, false, free));
        assertEquals(11, free[0], "n = 0 still reports the free space");
        long[] out = new long[16];
        assertEquals(3, a.dequeue(r, out, 0, 3, true, avail));
        assertEquals(r.count(), avail[0]);
        assertEquals(1, avail[0]);
        avail[0] = -1;
        assertEquals(0, a.dequeue(r, out, 0, 2, true, avail));
        assertEquals(1, avail[0], "a failed bulk dequeue reports the current entries");
        avail[0] = -1;
        assertEquals(1, a.dequeue(r, out, 0, 5, false, avail));
        assertEquals(0, avail[0]);
        avail[0] = -1;
        assertEquals(0, a.dequeue(r, out, 0, 5, false, avail));
        assertEquals(0, avail[0], "an empty burst still reports the entries");
    }

    @ParameterizedTest(name = "{index}: {0} {1} specialized={2}")
    @MethodSource("cases")
    void s13ZeroLengthCallsChangeNothingAndNeverBlock(int flags, RingAccess a, boolean spec) throws Exception {
        Ring r = ring(64, flags, a, spec);
        assertEquals(3, a.enqueue(r, seq(0, 3), 0, 3, true, null));
        int[] before = TestHooks.ringIndices(r);
        long[] out = new long[1];
        assertEquals(0, a.enqueue(r, out, 0, 0, true, null));
        assertEquals(0, a.enqueue(r, out, 0, 0, false, null));
        assertEquals(0, a.dequeue(r, out, 0, 0, true, null));
        assertEquals(0, a.dequeue(r, out, 0, 0, false, null));
        assertArrayEquals(before, TestHooks.ringIndices(r));
        if (r.isProducerSingle() || r.isConsumerSingle() || a != RingAccess.LONGS) {
            return;
        }
        // 8 MP/MC threads doing n = 0 at once: nobody CASes, so nobody can end up waiting on a tail (DPDK d097964616).
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    long[] buf = new long[1];
                    for (int i = 0; i < 20_000; i++) {
                        r.mpEnqueueBurst(buf, 0, 0, null);
                        r.mpEnqueueBulk(buf, 0, 0, null);
                        r.mcDequeueBurst(buf, 0, 0, null);
                        r.mcDequeueBulk(buf, 0, 0, null);
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
        });
        assertArrayEquals(before, TestHooks.ringIndices(r));
    }

    /** DPDK test1: random sizes across the wrap, then fill to capacity and drain; what comes out is what went in. */
    private static List<Long> test1(RingAccess a, Ring r, long seed) {
        Random rnd = new Random(seed);
        List<Long> outLog = new ArrayList<>();
        int cap = r.capacity();
        long next = 0;
        for (int round = 0; round < 8; round++) {
            int s = 1 + rnd.nextInt(cap);
            long[] in = seq((int) next, s);
            next += s;
            assertEquals(s, a.enqueue(r, in, 0, s, true, null));
            long[] out = new long[s];
            assertEquals(s, a.dequeue(r, out, 0, s, true, null));
            assertArrayEquals(in, out, "round " + round);
            for (long v : out) {
                outLog.add(v);
            }
        }
        long[] full = seq((int) next, cap);
        assertEquals(cap, a.enqueue(r, full, 0, cap, false, null));
        assertTrue(r.isFull());
        long[] out = new long[cap];
        assertEquals(cap, a.dequeue(r, out, 0, cap, false, null));
        assertArrayEquals(full, out);
        assertTrue(r.isEmpty());
        for (long v : out) {
            outLog.add(v);
        }
        return outLog;
    }

    @ParameterizedTest(name = "{index}: {0} {1} specialized={2}")
    @MethodSource("cases")
    void s14RandomSizesAcrossTheWrapComeOutAsTheyWentIn(int flags, RingAccess a, boolean spec) {
        Ring r = ring(4096, flags, a, spec);
        test1(a, r, 14);
    }

    @ParameterizedTest(name = "{index}: {0} {1} specialized={2}")
    @MethodSource("cases")
    void s15MixedSizesKeepFifoOrder(int flags, RingAccess a, boolean spec) {
        Ring r = ring(256, flags, a, spec);
        // test2: enqueue 1, 2, 32, then dequeue 1, 2, 32.
        long[] in = seq(0, 35);
        assertEquals(1, a.enqueue(r, in, 0, 1, true, null));
        assertEquals(2, a.enqueue(r, in, 1, 2, true, null));
        assertEquals(32, a.enqueue(r, in, 3, 32, true, null));
        long[] out = new long[35];
        assertEquals(1, a.dequeue(r, out, 0, 1, true, null));
        assertEquals(2, a.dequeue(r, out, 1, 2, true, null));
        assertEquals(32, a.dequeue(r, out, 3, 32, true, null));
        assertArrayEquals(in, out);
        // test3: 128 x (enqueue 32, dequeue 32), wrapping the 256-slot ring 16 times.
        for (int i = 0; i < 128; i++) {
            long[] batch = seq(i * 32, 32);
            assertEquals(32, a.enqueue(r, batch, 0, 32, false, null));
            long[] got = new long[32];
            assertEquals(32, a.dequeue(r, got, 0, 32, false, null));
            assertArrayEquals(batch, got, "batch " + i);
        }
    }

    @ParameterizedTest(name = "{index}: {0} {1} specialized={2}")
    @MethodSource("cases")
    void s18ResetEmptiesTheRingAndZeroesEveryIndex(int flags, RingAccess a, boolean spec) {
        Ring r = ring(32, flags, a, spec);
        assertEquals(20, a.enqueue(r, seq(0, 20), 0, 20, true, null));
        long[] out = new long[5];
        assertEquals(5, a.dequeue(r, out, 0, 5, true, null));
        r.reset();
        assertEquals(0, r.count());
        assertTrue(r.isEmpty());
        assertArrayEquals(new int[] {0, 0, 0, 0}, TestHooks.ringIndices(r));
        assertEquals(31, a.enqueue(r, seq(0, 31), 0, 31, true, null));
    }

    @ParameterizedTest(name = "{index}: {0} {1} specialized={2}")
    @MethodSource("cases")
    void indexWrapGivesTheSameResultsAsAStartAtZero(int flags, RingAccess a, boolean spec) {
        Ring zero = ring(4096, flags, a, spec);
        Ring wrapping = ring(4096, flags, a, spec);
        // Start 3000 below 2^32, so the first round's indices cross the wrap.
        TestHooks.startIndicesAt(wrapping, -3000);
        assertEquals(test1(a, zero, 99), test1(a, wrapping, 99));
        int[] idx = TestHooks.ringIndices(wrapping);
        assertTrue(Integer.compareUnsigned(idx[0], 1 << 20) < 0, "the indices did wrap: " + idx[0]);
        // Counts are right across the wrap too.
        TestHooks.startIndicesAt(wrapping, -2);
        assertEquals(5, a.enqueue(wrapping, seq(0, 5), 0, 5, true, null));
        assertEquals(5, wrapping.count());
        assertEquals(wrapping.capacity() - 5, wrapping.freeCount());
        long[] out = new long[5];
        assertEquals(5, a.dequeue(wrapping, out, 0, 5, true, null));
        assertArrayEquals(seq(0, 5), out);
    }
}
