package io.jmempool.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Circulating-tag stress (DPDK's ring_stress_autotest, scenario 23), one run per sync mode and element kind.
 *
 * <p>{@value #N} tagged elements circulate through the ring. Each carries its id, a generation and (for 16-byte
 * elements) a checksum of both. A thread that takes an element claims it in an owner table by CAS, so two owners at
 * once are caught; checks that the generation is the one its last owner wrote, so a stale or duplicated copy is
 * caught; checks the checksum, so a torn copy is caught; then bumps the generation and puts the element back. At the
 * end every id must be present exactly once: nothing lost, nothing duplicated.
 *
 * <p>This machine has two cores, so each run has two threads, with roles that respect the mode: both threads produce
 * and consume on MP/MC; on a single side, one thread keeps that role and the other hands its elements over through a
 * second, SP/SC ring. The run time per case is half of {@code jmempool.soak.seconds} (3 s in the default build,
 * minutes under {@code -Pthorough}).
 */
class RingStressTest {
    static final int N = 1024;
    private static final int OWNER_FREE = 0;

    private final AtomicIntegerArray owner = new AtomicIntegerArray(N);
    /** The generation each element must carry; written by its owner before it is put back, read by the next owner. */
    private final int[] generation = new int[N];
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;

    enum Kind { LONG, ELEM16 }

    /** One element in flight: encodes and decodes the tag for either kind. */
    private static final class Codec {
        final Kind kind;
        final MemorySegment buf;
        final long[] longs = new long[64];

        Codec(Kind kind, Arena arena) {
            this.kind = kind;
            this.buf = arena.allocate(64 * 16, 8);
        }

        static long checksum(int id, int gen) {
            return (id * 0x9E3779B97F4A7C15L) ^ (gen * 0xC2B2AE3D27D4EB4FL) ^ 0x5555_5555_5555_5555L;
        }

        int id(int i) {
            return kind == Kind.LONG ? (int) longs[i] : buf.get(ValueLayout.JAVA_INT, i * 16L);
        }

        int gen(int i) {
            return kind == Kind.LONG ? (int) (longs[i] >>> 32) : buf.get(ValueLayout.JAVA_INT, i * 16L + 4);
        }

        boolean intact(int i) {
            return kind == Kind.LONG || buf.get(ValueLayout.JAVA_LONG, i * 16L + 8) == checksum(id(i), gen(i));
        }

        void set(int i, int id, int gen) {
            if (kind == Kind.LONG) {
                longs[i] = ((long) gen << 32) | id;
            } else {
                buf.set(ValueLayout.JAVA_INT, i * 16L, id);
                buf.set(ValueLayout.JAVA_INT, i * 16L + 4, gen);
                buf.set(ValueLayout.JAVA_LONG, i * 16L + 8, checksum(id, gen));
            }
        }

        int dequeue(Ring r, int n, boolean bulk) {
            if (kind == Kind.LONG) {
                return bulk ? r.dequeueBulk(longs, 0, n) : r.dequeueBurst(longs, 0, n);
            }
            return bulk ? r.dequeueBulk(buf, 0, n, null) : r.dequeueBurst(buf, 0, n, null);
        }

        int enqueue(Ring r, int from, int n) {
            if (kind == Kind.LONG) {
                return r.enqueueBulk(longs, from, n);
            }
            return r.enqueueBulk(buf, from * 16L, n, null);
        }
    }

    /** Verifies and claims element i of the codec for {@code me}, then gives it the next generation. */
    private void take(Codec c, int i, int me) {
        int id = c.id(i);
        if (id < 0 || id >= N) {
            throw new AssertionError("element with id " + id + " was never enqueued");
        }
        if (!c.intact(i)) {
            throw new AssertionError("element " + id + " is torn");
        }
        if (!owner.compareAndSet(id, OWNER_FREE, me)) {
            throw new AssertionError("element " + id + " is owned by thread " + owner.get(id) + " and taken by " + me);
        }
        if (c.gen(i) != generation[id]) {
            throw new AssertionError("element " + id + " has generation " + c.gen(i) + ", expected " + generation[id]
                    + ": a stale or duplicated copy");
        }
        int next = generation[id] + 1;
        generation[id] = next;
        c.set(i, id, next);
    }

    private void release(Codec c, int from, int n) {
        for (int i = from; i < from + n; i++) {
            owner.set(c.id(i), OWNER_FREE);
        }
    }

    /**
     * A worker's roles: consume from the ring under test, produce into it, send a share of what it consumed into
     * {@code auxOut} (for a thread that may not produce), and forward {@code auxIn} into the ring.
     */
    private Runnable worker(int me, Kind kind, Ring r, boolean consume, boolean produce, Ring auxOut, boolean sendAll,
                            Ring auxIn, AtomicLong moved, CountDownLatch start) {
        return () -> {
            try (Arena arena = Arena.ofConfined()) {
                Codec c = new Codec(kind, arena);
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                start.await();
                while (!stop && failure.get() == null) {
                    if (consume) {
                        int k = 28 + rnd.nextInt(16); // DPDK's stress uses bulks of 28 to 43
                        int got = c.dequeue(r, k, true);
                        if (got != 0 && got != k) {
                            throw new AssertionError("bulk dequeue of " + k + " returned " + got);
                        }
                        int keep = 0;
                        int send = got;
                        // Partition: elements [0, keep) go back to the ring, [keep, got) to auxOut.
                        for (int i = 0; i < got; i++) {
                            take(c, i, me);
                        }
                        if (auxOut == null || !sendAll) {
                            keep = auxOut == null ? got : got / 2;
                            send = got - keep;
                        } else {
                            keep = 0;
                        }
                        if (keep > 0) {
                            put(c, r, 0, keep, produce);
                        }
                        if (send > 0) {
                            put(c, auxOut, keep, send, true);
                        }
                        moved.addAndGet(got);
                    }
                    if (auxIn != null) {
                        int got = c.dequeue(auxIn, 43, false);
                        for (int i = 0; i < got; i++) {
                            take(c, i, me);
                        }
                        if (got > 0) {
                            put(c, r, 0, got, produce);
                        }
                        moved.addAndGet(got);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
    }

    private void put(Codec c, Ring target, int from, int n, boolean allowed) {
        if (!allowed) {
            throw new AssertionError("test bug: a thread without the producer role enqueued into the ring");
        }
        release(c, from, n);
        int done = c.enqueue(target, from, n);
        if (done != n) {
            throw new AssertionError("bulk enqueue of " + n + " into " + target.name() + " returned " + done
                    + " though the ring has room for every element");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"0, LONG", "0, ELEM16", "3, LONG", "3, ELEM16", "1, LONG", "1, ELEM16", "2, LONG", "2, ELEM16"})
    void everyElementCirculatesWithoutLossDuplicationOrTearing(int flags, Kind kind) throws Exception {
        int esize = kind == Kind.LONG ? 8 : 16;
        String mode = RingConformanceTest.mode(flags);
        // DPDK sizes the stress ring align32pow2(2N), so an enqueue of anything taken out always fits.
        try (Ring r = Ring.builder("stress-" + flags + kind).elementSize(esize).count(2 * N).flags(flags)
                .specialized(kind == Kind.LONG).create();
             Ring aux = Ring.createElem("stress-aux-" + flags + kind, esize, 2 * N, Ring.SP_ENQ | Ring.SC_DEQ);
             Arena arena = Arena.ofConfined()) {
            Codec init = new Codec(kind, arena);
            for (int id = 0; id < N; id += 64) {
                for (int i = 0; i < 64; i++) {
                    init.set(i, id + i, 0);
                }
                assertEquals(64, init.enqueue(r, 0, 64));
            }
            AtomicLong movedA = new AtomicLong();
            AtomicLong movedB = new AtomicLong();
            CountDownLatch start = new CountDownLatch(1);
            Runnable a;
            Runnable b;
            switch (mode) {
                case "MP/MC" -> {
                    a = worker(1, kind, r, true, true, null, false, null, movedA, start);
                    b = worker(2, kind, r, true, true, null, false, null, movedB, start);
                }
                case "SP/SC" -> {
                    a = worker(1, kind, r, true, false, aux, true, null, movedA, start);
                    b = worker(2, kind, r, false, true, null, false, aux, movedB, start);
                }
                case "MP/SC" -> {
                    a = worker(1, kind, r, true, true, aux, false, null, movedA, start);
                    b = worker(2, kind, r, false, true, null, false, aux, movedB, start);
                }
                case "SP/MC" -> {
                    a = worker(1, kind, r, true, true, null, false, aux, movedA, start);
                    b = worker(2, kind, r, true, false, aux, true, null, movedB, start);
                }
                default -> throw new AssertionError(mode);
            }
            Thread ta = Thread.ofPlatform().name("stress-A").start(a);
            Thread tb = Thread.ofPlatform().name("stress-B").start(b);
            start.countDown();
            long millis = (long) (Double.parseDouble(System.getProperty("jmempool.soak.seconds", "3")) * 500);
            Thread.sleep(millis);
            stop = true;
            ta.join(60_000);
            tb.join(60_000);
            if (ta.isAlive() || tb.isAlive()) {
                fail("a worker is stuck: " + r.dump() + aux.dump());
            }
            if (failure.get() != null) {
                throw new AssertionError(mode + " " + kind + ": " + failure.get().getMessage(), failure.get());
            }
            assertTrue(movedA.get() > 0 && movedB.get() > 0,
                    "both threads must have moved elements: A " + movedA + ", B " + movedB);

            // Every id exactly once, in the ring or in the hand-over ring, and nothing else.
            assertEquals(N, r.count() + aux.count());
            boolean[] seen = new boolean[N];
            for (Ring source : new Ring[] {r, aux}) {
                int got;
                while ((got = init.dequeue(source, 64, false)) > 0) {
                    for (int i = 0; i < got; i++) {
                        int id = init.id(i);
                        assertTrue(init.intact(i), "torn element " + id);
                        assertTrue(!seen[id], "element " + id + " is present twice");
                        assertEquals(generation[id], init.gen(i), "element " + id + " has a stale generation");
                        seen[id] = true;
                    }
                }
            }
            for (int id = 0; id < N; id++) {
                assertTrue(seen[id], "element " + id + " was lost");
            }
            System.out.printf("%s %s: %,d elements moved in %d ms%n", mode, kind, movedA.get() + movedB.get(), millis);
        }
    }
}
