package io.jmempool.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two threads soak one pool. Every object carries a tag (its index, a generation and a checksum of both) in its
 * element; a thread that gets an object claims it in an owner table by CAS (two owners at once fail), checks that
 * the generation is the one its last owner wrote (a stale or duplicated object fails) and the checksum (torn data
 * fails), bumps the generation and puts it back, sometimes at once, sometimes after holding it a while. One thread
 * uses its default cache, the other alternates between no cache and a user-owned cache. At the end every object is
 * back exactly once and {@code availCount() == n}.
 *
 * <p>Runs for half of {@code jmempool.soak.seconds} per case: seconds in the default build, minutes under
 * {@code -Pthorough}.
 */
class MempoolSoakTest {
    private static final int N = 2048;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"V26_07, ring_mp_mc", "LTS_25_11, ring_mp_mc", "V26_07, stack"})
    void everyObjectComesBackExactlyOnce(CachePolicy policy, String ops) throws Exception {
        try (Mempool pool = Mempool.builder("soak-" + policy + "-" + ops).size(N).elementSize(16).cacheSize(64)
                .cachePolicy(policy).createEmpty()) {
            pool.setOpsByName(ops);
            assertEquals(N, pool.populateDefault());
            pool.objIter((p, h, seg, off, idx) -> write(seg, off, idx, 0));
            AtomicIntegerArray owner = new AtomicIntegerArray(N);
            int[] generation = new int[N];
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong moved = new AtomicLong();
            long millis = (long) (Double.parseDouble(System.getProperty("jmempool.soak.seconds", "3")) * 500);
            long deadline = System.nanoTime() + millis * 1_000_000;
            Runnable[] bodies = new Runnable[2];
            for (int t = 0; t < 2; t++) {
                int me = t + 1;
                bodies[t] = () -> {
                    try {
                        ThreadLocalRandom rnd = ThreadLocalRandom.current();
                        MempoolCache user = MempoolCache.create(32);
                        long[] held = new long[256];
                        int holding = 0;
                        long[] buf = new long[48];
                        while (System.nanoTime() < deadline && failure.get() == null) {
                            MempoolCache via = me == 1 ? pool.defaultCache() : (rnd.nextBoolean() ? user : null);
                            int k = 1 + rnd.nextInt(48);
                            if (!pool.genericGet(buf, 0, k, via)) {
                                continue;
                            }
                            for (int i = 0; i < k; i++) {
                                long h = buf[i];
                                MemorySegment seg = pool.segmentOf(h);
                                long off = pool.offset(h);
                                int idx = seg.get(ValueLayout.JAVA_INT, off);
                                int gen = seg.get(ValueLayout.JAVA_INT, off + 4);
                                if (idx != (int) h || seg.get(ValueLayout.JAVA_LONG, off + 8) != check(idx, gen)) {
                                    throw new AssertionError("object " + (int) h + " is torn or misplaced");
                                }
                                if (!owner.compareAndSet(idx, 0, me)) {
                                    throw new AssertionError("object " + idx + " is owned by " + owner.get(idx)
                                            + " and handed to " + me);
                                }
                                if (gen != generation[idx]) {
                                    throw new AssertionError("object " + idx + " has generation " + gen
                                            + ", expected " + generation[idx]);
                                }
                                generation[idx] = gen + 1;
                                write(seg, off, idx, gen + 1);
                            }
                            // Keep some for a while, so that the objects in use vary.
                            int keep = Math.min(rnd.nextInt(k + 1), held.length - holding);
                            System.arraycopy(buf, 0, held, holding, keep);
                            holding += keep;
                            int back = rnd.nextInt(holding + 1);
                            release(owner, buf, keep, k);
                            release(owner, held, holding - back, holding);
                            pool.genericPut(buf, keep, k - keep, via);
                            pool.genericPut(held, holding - back, back, via);
                            holding -= back;
                            moved.addAndGet(k);
                        }
                        release(owner, held, 0, holding);
                        pool.genericPut(held, 0, holding, null);
                        pool.cacheFlush(user);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                };
            }
            Thread a = new LcoreThread("soak-A", bodies[0]);
            Thread b = Thread.ofPlatform().name("soak-B").unstarted(bodies[1]);
            a.start();
            b.start();
            a.join();
            b.join();
            if (failure.get() != null) {
                throw new AssertionError(policy + " " + ops + ": " + failure.get().getMessage(), failure.get());
            }
            assertTrue(moved.get() > 0);
            // Thread A's lcore id was given back when it ended, which flushed its default cache.
            assertEquals(N, pool.availCount());
            long[] all = new long[N];
            assertTrue(pool.getBulk(all, 0, N));
            boolean[] seen = new boolean[N];
            for (long h : all) {
                int idx = pool.segmentOf(h).get(ValueLayout.JAVA_INT, pool.offset(h));
                assertTrue(!seen[idx], "object " + idx + " came back twice");
                seen[idx] = true;
                assertEquals(generation[idx], pool.segmentOf(h).get(ValueLayout.JAVA_INT, pool.offset(h) + 4));
            }
            System.out.printf("%s %s: %,d objects moved in %d ms%n", policy, ops, moved.get(), millis);
        }
    }

    private static void release(AtomicIntegerArray owner, long[] objs, int from, int to) {
        for (int i = from; i < to; i++) {
            owner.set((int) objs[i], 0);
        }
    }

    private static long check(int idx, int gen) {
        return (idx * 0x9E3779B97F4A7C15L) ^ (gen * 0xC2B2AE3D27D4EB4FL) ^ 0x3333_3333_3333_3333L;
    }

    private static void write(MemorySegment seg, long off, int idx, int gen) {
        seg.set(ValueLayout.JAVA_INT, off, idx);
        seg.set(ValueLayout.JAVA_INT, off + 4, gen);
        seg.set(ValueLayout.JAVA_LONG, off + 8, check(idx, gen));
    }
}
