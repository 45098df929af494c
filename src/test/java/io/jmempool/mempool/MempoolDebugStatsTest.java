package io.jmempool.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The debug checks (header and trailer cookies), audit, statistics, dump and the telemetry snapshot
 * (dpdk-behaviour.md §4).
 */
class MempoolDebugStatsTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private final List<Mempool> pools = new ArrayList<>();

    @AfterEach
    void tearDown() {
        pools.forEach(Mempool::close);
        Lcore.unregister();
    }

    private Mempool pool(int n, int cache, CachePolicy policy, boolean debug, boolean stats) {
        Mempool p = Mempool.builder("dbg" + NAMES.incrementAndGet()).size(n).elementSize(60).cacheSize(cache)
                .cachePolicy(policy).debug(debug).stats(stats).createEmpty();
        pools.add(p);
        assertEquals(n, p.populateDefault());
        return p;
    }

    private static long cookie(Mempool p, long h) {
        return p.segmentOf(h).get(ValueLayout.JAVA_LONG, p.offset(h) - 8);
    }

    @Test
    void doublePutIsCaughtInTheCacheAndInTheBackendAndChangesNothing() {
        for (int cache : new int[] {0, 8}) {
            Mempool p = pool(32, cache, CachePolicy.V26_07, true, false);
            Lcore.register();
            long h = p.get();
            assertEquals(Mempool.COOKIE_IN_USE, cookie(p, h));
            p.put(h);
            assertEquals(Mempool.COOKIE_FREE, cookie(p, h));
            int avail = p.availCount();
            DoubleFreeException e = assertThrows(DoubleFreeException.class, () -> p.put(h));
            assertTrue(e.getMessage().contains(p.name()) && e.getMessage().contains(Long.toHexString(h)),
                    e.getMessage());
            assertEquals(h, e.handle());
            assertEquals(p.name(), e.pool());
            assertEquals(avail, p.availCount(), "the refused put changed nothing");
            Lcore.unregister();
        }
    }

    @Test
    void aBulkWithAFreeObjectOrADuplicateIsRefusedWhole() {
        Mempool p = pool(32, 8, CachePolicy.V26_07, true, false);
        Lcore.register();
        long[] four = new long[4];
        assertTrue(p.getBulk(four, 0, 4));
        long[] dup = {four[0], four[1], four[0]};
        assertThrows(DoubleFreeException.class, () -> p.putBulk(dup, 0, 3));
        assertEquals(28, p.availCount());
        for (long h : four) {
            assertEquals(Mempool.COOKIE_IN_USE, cookie(p, h), "the objects checked before the bad one are in use again");
        }
        p.putBulk(four, 0, 4); // the legal put still works
        assertEquals(32, p.availCount());
        long[] one = {four[2]};
        assertThrows(DoubleFreeException.class, () -> p.genericPut(one, 0, 1, MempoolCache.create(4)));
    }

    @Test
    void anOverrunIsSeenAtTheNextPutAndByAudit() {
        Mempool p = pool(16, 0, CachePolicy.V26_07, true, false);
        long h = p.get();
        MemorySegment seg = p.segmentOf(h);
        long off = p.offset(h);
        seg.asSlice(off, 60).fill((byte) 7); // legal: the element is 60 bytes (64 with rounding)
        p.audit();
        seg.set(ValueLayout.JAVA_LONG, off + 64, 0x4141414141414141L); // one word too far
        BufferOverrunException audit = assertThrows(BufferOverrunException.class, p::audit);
        assertTrue(audit.getMessage().contains("overrun") && audit.getMessage().contains(Long.toHexString(h)),
                audit.getMessage());
        int avail = p.availCount();
        BufferOverrunException put = assertThrows(BufferOverrunException.class, () -> p.put(h));
        assertEquals(h, put.handle());
        assertEquals(avail, p.availCount(), "the overrun object was not taken back");
        assertEquals(Mempool.COOKIE_IN_USE, cookie(p, h));
    }

    @Test
    void foreignHandlesAreCaughtWithOrWithoutDebug() {
        Mempool a = pool(16, 4, CachePolicy.V26_07, true, true);
        Mempool b = pool(16, 4, CachePolicy.V26_07, false, false);
        long fromB = b.get();
        assertThrows(ForeignHandleException.class, () -> a.put(fromB));
        assertThrows(ForeignHandleException.class, () -> a.put(42));
        long fromA = a.get();
        assertThrows(ForeignHandleException.class, () -> b.put(fromA));
        assertEquals(0, a.stats().putBulk(), "a refused put is not counted");
        a.put(fromA);
        b.put(fromB);
    }

    @Test
    void switchingDebugOnLaterNeverReportsAFalseMisuse() {
        Mempool p = pool(16, 4, CachePolicy.V26_07, false, false);
        Lcore.register();
        long[] held = new long[6];
        assertTrue(p.getBulk(held, 0, 6)); // taken while the checks were off
        p.setDebug(true);
        assertTrue(p.isDebug());
        p.putBulk(held, 0, 6); // unknown state: accepted, now free
        assertThrows(DoubleFreeException.class, () -> p.put(held[0]), "now the checks are exact");
        p.setDebug(false);
        long again = p.get();
        p.put(again);
        p.put(again); // unchecked while off: a double put goes through, as in a DPDK release build
        p.setDebug(true);
        MempoolCorruptionException e = assertThrows(MempoolCorruptionException.class, () -> {
            long[] all = new long[17];
            for (int i = 0; i < 17; i++) {
                all[i] = p.get(); // the twice-put object comes out twice: caught the second time
                if (all[i] == Mempool.NULL_HANDLE) {
                    break;
                }
            }
        });
        assertTrue(e.getMessage().contains("in the pool twice"), e.getMessage());
    }

    @Test
    void auditAcceptsLegalTransientStates() throws Exception {
        // LTS caches legally hold up to 1.5 x their size (DPDK daeb7c7f41 made audit accept that).
        Mempool lts = pool(64, 8, CachePolicy.LTS_25_11, true, false);
        Lcore.register();
        long[] ten = new long[10];
        assertTrue(lts.getBulk(ten, 0, 10));
        lts.putBulk(ten, 0, 10);
        assertTrue(lts.defaultCache().length() > 8);
        lts.audit();
        Lcore.unregister();

        // A cache holding objects while another thread's get is in flight inside the backend.
        BlockingOps.ensureRegistered();
        Mempool p = Mempool.builder("dbg" + NAMES.incrementAndGet()).size(64).elementSize(16).cacheSize(8)
                .debug(true).createEmpty();
        pools.add(p);
        p.setOpsByName(BlockingOps.NAME);
        p.populateDefault();
        CountDownLatch holding = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new LcoreThread("in-flight", () -> {
            try {
                long[] two = new long[2];
                assertTrue(p.getBulk(two, 0, 2)); // refill: 4 into the cache
                p.putBulk(two, 0, 1); // the cache holds 3
                holding.countDown();
                BlockingOps.blockNext();
                long[] many = new long[5];
                assertTrue(p.getBulk(many, 0, 5)); // in flight: cache popped, backend blocked
                p.putBulk(many, 0, 5);
                p.put(two[1]);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        assertTrue(BlockingOps.awaitBlocked());
        Lcore.register();
        long mine = p.get(); // this thread's cache holds objects too
        assertTrue(p.defaultCache().length() > 0);
        p.audit(); // legal: a get is in flight on the other thread, and caches hold objects
        p.put(mine);
        BlockingOps.release();
        other.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        p.audit();
        assertEquals(64, p.availCount());
    }

    @Test
    void auditCatchesAnImpossibleCacheLength() {
        Mempool p = pool(32, 8, CachePolicy.V26_07, false, false);
        Lcore.register();
        long h = p.get();
        p.defaultCache().len = 5000; // what a wild write into the cache would do
        MempoolCorruptionException e = assertThrows(MempoolCorruptionException.class, p::audit);
        assertTrue(e.getMessage().contains("length 5000"), e.getMessage());
        p.defaultCache().len = 3;
        p.put(h);
    }

    /** The counters after a scripted sequence, against DPDK's counting rules (§4). */
    @Test
    void statisticsFollowDpdksRulesV2607() {
        Mempool p = pool(32, 8, CachePolicy.V26_07, false, true);
        MempoolStats afterPopulate = p.stats();
        assertEquals(new MempoolStats(0, 0, 32, 32, 0, 0, 0, 0, 0, 0), afterPopulate,
                "populate enqueues each object on its own, and that counts as backend puts");
        p.statsReset();
        Lcore.register();
        long a = p.get(); // refill 4, get 1
        long[] two = new long[2];
        assertTrue(p.getBulk(two, 0, 2)); // hit
        long[] six = new long[6];
        assertTrue(p.getBulk(six, 0, 6)); // pop 1, bypass 5
        assertFalse(p.getBulk(new long[100], 0, 100)); // pop 0, bypass 100 fails
        long[] nine = new long[9];
        nine[0] = a;
        System.arraycopy(two, 0, nine, 1, 2);
        System.arraycopy(six, 0, nine, 3, 6);
        p.putBulk(nine, 0, 9); // 9 > 4 and does not fit: direct
        long b = p.get(); // cache empty: refill 4, get 1
        p.put(b); // append
        assertEquals(new MempoolStats(2, 10, 1, 9, 3, 13, 4, 10, 1, 100), p.stats());
        String dump = p.dump();
        assertTrue(dump.contains("get_fail_objs=100"), dump);
        assertTrue(dump.contains("cache_miss_rate=1.3000"), dump);
        // A flush counts as a backend put.
        p.cacheFlush(null);
        assertEquals(2, p.stats().putCommonPoolBulk());
        assertEquals(9 + 4, p.stats().putCommonPoolObjs());
        p.statsReset();
        assertEquals(new MempoolStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), p.stats());
    }

    @Test
    void statisticsFollowDpdksRulesLtsAndUserCaches() {
        Mempool p = pool(64, 8, CachePolicy.LTS_25_11, false, true);
        p.statsReset();
        Lcore.register();
        long[] thirteen = new long[13];
        assertTrue(p.getBulk(thirteen, 0, 13)); // refill 8 + 13 = 21, the cache keeps 8
        p.putBulk(thirteen, 0, 5); // 8 + 5 > 12: flush all 8, cache the 5
        long[] three = new long[3];
        assertTrue(p.getBulk(three, 0, 3)); // hit
        p.putBulk(three, 0, 3); // append: 2 + 3 <= 12
        assertEquals(new MempoolStats(2, 8, 1, 8, 1, 21, 2, 16, 0, 0), p.stats());
        p.putBulk(thirteen, 5, 8);
        p.statsReset();
        // Through a user-owned cache: put and get-success counts go to the cache, backend transfers to the pool.
        MempoolCache user = MempoolCache.create(8);
        long[] one = new long[1];
        assertTrue(p.genericGet(one, 0, 1, user)); // user cache refills 9
        p.genericPut(one, 0, 1, user);
        assertEquals(new MempoolStats(1, 1, 0, 0, 0, 0, 1, 1, 0, 0), user.stats());
        assertEquals(new MempoolStats(0, 0, 0, 0, 1, 9, 0, 0, 0, 0), p.stats());
        p.cacheFlush(user);
        // A thread without an lcore id counts in the shared slot.
        Lcore.unregister();
        long h = p.get();
        p.put(h);
        MempoolStats st = p.stats();
        assertEquals(1, st.getSuccessBulk());
        assertEquals(1, st.putBulk());
    }

    @Test
    void infoSnapshotAndSwitches() {
        Mempool p = pool(100, 16, CachePolicy.V26_07, false, false);
        Lcore.register();
        long h = p.get();
        MempoolInfo info = p.info();
        assertEquals(p.name(), info.name());
        assertEquals(100, info.size());
        assertEquals(16, info.cacheSize());
        assertEquals(60, info.eltSize());
        assertEquals(64, info.headerSize());
        assertEquals("ring_mp_mc", info.opsName());
        assertEquals(0, info.opsIndex());
        assertEquals(100, info.populatedSize());
        assertEquals(7, info.totalCacheCount(), "refill of 8, one taken");
        assertEquals(92, info.commonPoolCount());
        assertEquals(1, info.memoryChunks());
        assertEquals(100 * p.objectSize(), info.memoryBytes());
        assertFalse(info.debug());
        assertFalse(info.stats());
        p.setStats(true);
        p.setDebug(true);
        assertTrue(p.info().stats() && p.info().debug());
        p.put(h);
        assertEquals(1, p.stats().putObjs());
        p.setStats(false);
        p.put(p.get());
        assertEquals(1, p.stats().putObjs(), "nothing is counted while off");
    }

    /**
     * A ring-like FIFO driver whose next dequeue can be made to wait, so that a test can hold a get in flight.
     */
    static final class BlockingOps implements MempoolOps {
        static final String NAME = "test_blocking_fifo";
        private static volatile CountDownLatch gate;
        private static volatile CountDownLatch blocked;
        private static final java.util.concurrent.atomic.AtomicBoolean ARMED =
                new java.util.concurrent.atomic.AtomicBoolean();

        static {
            Mempool.registerOps(new BlockingOps());
        }

        static void ensureRegistered() {
        }

        static void blockNext() {
            gate = new CountDownLatch(1);
            blocked = new CountDownLatch(1);
            ARMED.set(true);
        }

        static boolean awaitBlocked() throws InterruptedException {
            for (int i = 0; i < 1000 && blocked == null; i++) {
                Thread.sleep(10);
            }
            return blocked.await(10, TimeUnit.SECONDS);
        }

        static void release() {
            gate.countDown();
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public MempoolBackend alloc(Mempool pool) {
            RecordingFifoOps.Backend inner = new RecordingFifoOps.Backend(pool.size());
            return new MempoolBackend() {
                @Override
                public boolean enqueue(long[] objs, int off, int n) {
                    return inner.enqueue(objs, off, n);
                }

                @Override
                public boolean dequeue(long[] objs, int off, int n) {
                    CountDownLatch g = gate;
                    if (g != null && ARMED.compareAndSet(true, false)) {
                        blocked.countDown();
                        try {
                            g.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return inner.dequeue(objs, off, n);
                }

                @Override
                public int count() {
                    return inner.count();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
