package io.jmempool.mempool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Step-by-step walks through both cache algorithms (dpdk-behaviour.md §3.1 and §3.2) with small caches over a FIFO
 * backend preloaded with known objects. After every call the test checks the return value, the cache's exact
 * contents (bottom to top), the backend's count and exactly which transfers the cache asked of the backend.
 *
 * <p>Objects are named by index: {@code h(i)} is the i-th object populated, and the backend hands them out in that
 * order.
 */
class CacheWalkthroughTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private Mempool pool;
    private MempoolCache cache;
    private RecordingFifoOps.Backend backend;
    private long[] handles;

    @BeforeEach
    void registerLcore() {
        RecordingFifoOps.ensureRegistered();
        Lcore.register();
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
        Lcore.unregister();
    }

    private void setUp(CachePolicy policy, int n, int cacheSize) {
        pool = Mempool.builder("walk" + NAMES.incrementAndGet()).size(n).elementSize(16).cacheSize(cacheSize)
                .cachePolicy(policy).createEmpty();
        pool.setOpsByName(RecordingFifoOps.NAME);
        assertEquals(n, pool.populateDefault());
        backend = RecordingFifoOps.last;
        backend.recording = true;
        handles = new long[n];
        pool.objIter((p, h, seg, off, i) -> handles[i] = h);
        cache = pool.defaultCache();
        assertEquals(0, cache.length());
    }

    private long h(int i) {
        return handles[i];
    }

    private long[] hs(int... indices) {
        long[] r = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            r[i] = handles[indices[i]];
        }
        return r;
    }

    private String names(long[] objs, int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            names.add("h" + (int) objs[i]);
        }
        return names.toString();
    }

    /** Checks the cache's contents bottom to top, the backend's count and the transfers since the last check. */
    private void expect(int[] cacheBottomToTop, int backendCount, String... transfers) {
        assertEquals(names(hs(cacheBottomToTop), 0, cacheBottomToTop.length), names(cache.objs, 0, cache.len),
                "cache contents, bottom to top");
        assertEquals(backendCount, backend.count(), "backend count");
        assertEquals(Arrays.asList(transfers), backend.drainLog().stream().map(Object::toString).toList(),
                "backend transfers");
        assertEquals(backendCount + cacheBottomToTop.length, pool.availCount(), "availCount = backend + cache");
        assertTrue(cache.len <= cache.size() * (pool.cachePolicy() == CachePolicy.V26_07 ? 2 : 3) / 2);
    }

    private static int[] range(int from, int toExclusive) {
        int[] r = new int[toExclusive - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static int[] none() {
        return new int[0];
    }

    private long[] getBulk(int n) {
        long[] out = new long[n];
        assertTrue(pool.getBulk(out, 0, n), "getBulk(" + n + ")");
        return out;
    }

    @Test
    void v2607CacheOfEight() {
        setUp(CachePolicy.V26_07, 32, 8);
        // 1. An empty cache refills exactly half a cache (4), and the hottest of those comes out.
        assertEquals(h(3), pool.get());
        expect(range(0, 3), 28, "deq 4");
        // 2. A hit pops from the top.
        assertArrayEquals(hs(2, 1), getBulk(2));
        expect(new int[] {0}, 28);
        // 3. A miss takes the cached object first, then refills half a cache for the remaining 4.
        assertArrayEquals(hs(0, 7, 6, 5, 4), getBulk(5));
        expect(none(), 24, "deq 4");
        // 4. A remainder above half the cache bypasses it.
        assertArrayEquals(hs(8, 9, 10, 11, 12, 13), getBulk(6));
        expect(none(), 18, "deq 6");
        // 5, 6. Puts that fit are appended in order, up to exactly the size: no flush on merely reaching it.
        pool.putBulk(hs(3, 2, 1), 0, 3);
        expect(new int[] {3, 2, 1}, 18);
        pool.putBulk(hs(0, 7, 6, 5, 4), 0, 5);
        expect(new int[] {3, 2, 1, 0, 7, 6, 5, 4}, 18);
        // 7. An overflowing put of at most half flushes the oldest half, slides the rest down, appends.
        pool.put(h(8));
        expect(new int[] {7, 6, 5, 4, 8}, 22, "enq 4");
        // 8. The object just put comes out first.
        assertEquals(h(8), pool.get());
        expect(new int[] {7, 6, 5, 4}, 22);
        // 9. An overflowing put of more than half goes to the backend directly; the cache is untouched.
        pool.putBulk(hs(8, 9, 10, 11, 12), 0, 5);
        expect(new int[] {7, 6, 5, 4}, 27, "enq 5");
        // 10. A get the pool cannot satisfy fails, and the cache is restored exactly.
        long[] tooMany = new long[32];
        assertFalse(pool.getBulk(tooMany, 0, 32));
        expect(new int[] {7, 6, 5, 4}, 27, "deq 28 (failed)");
        // 11. Cache first (hottest first), then the backend in FIFO order.
        long[] all = getBulk(31);
        assertArrayEquals(hs(4, 5, 6, 7), Arrays.copyOf(all, 4));
        long[] fromBackend = hs(14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 3, 2, 1, 0, 8, 9,
                10, 11, 12);
        assertArrayEquals(fromBackend, Arrays.copyOfRange(all, 4, 31));
        expect(none(), 0, "deq 27");
        // 12. The refill fails when the backend has fewer than half a cache; the remainder then comes directly.
        pool.putBulk(all, 0, 3); // h4 h5 h6 into the cache
        pool.cacheFlush(null);
        expect(none(), 3, "enq 3");
        assertArrayEquals(hs(4, 5), getBulk(2));
        expect(none(), 1, "deq 4 (failed)", "deq 2");
    }

    @Test
    void v2607CacheOfTwoAndOne() {
        setUp(CachePolicy.V26_07, 16, 2);
        assertEquals(h(0), pool.get()); // half = 1: refill one
        expect(none(), 15, "deq 1");
        assertArrayEquals(hs(1, 2), getBulk(2)); // remaining 2 > 1: bypass
        expect(none(), 13, "deq 2");
        pool.putBulk(hs(0, 1), 0, 2);
        expect(new int[] {0, 1}, 13);
        pool.put(h(2)); // flush the oldest one
        expect(new int[] {1, 2}, 14, "enq 1");
        pool.close();

        setUp(CachePolicy.V26_07, 16, 1);
        // half = 0: a get never refills, and a put is cached only into an empty cache.
        assertEquals(h(0), pool.get());
        expect(none(), 15, "deq 1");
        long second = pool.get();
        assertEquals(h(1), second);
        expect(none(), 14, "deq 1");
        pool.put(h(0));
        expect(new int[] {0}, 14);
        pool.put(h(1));
        expect(new int[] {0}, 15, "enq 1");
        assertEquals(h(0), pool.get());
        expect(none(), 15);
    }

    @Test
    void ltsCacheOfEight() {
        setUp(CachePolicy.LTS_25_11, 32, 8); // flush threshold 12
        // 1. A miss refills size + remaining (9) and leaves the cache at its size.
        assertEquals(h(8), pool.get());
        expect(range(0, 8), 23, "deq 9");
        // 2. Puts are appended up to the threshold, beyond the size.
        pool.put(h(8));
        expect(range(0, 9), 23);
        long[] more = getBulk(13); // 9 cached, then a refill of 8 + 4 = 12
        assertArrayEquals(hs(8, 7, 6, 5, 4, 3, 2, 1, 0, 20, 19, 18, 17), more);
        expect(range(9, 17), 11, "deq 12");
        pool.putBulk(hs(0, 1, 2, 3), 0, 4);
        expect(new int[] {9, 10, 11, 12, 13, 14, 15, 16, 0, 1, 2, 3}, 11);
        // 3. A put past the threshold flushes every cached object and caches only the new ones.
        pool.put(h(4));
        expect(new int[] {4}, 23, "enq 12");
        // 4. A put larger than the threshold goes to the backend directly.
        assertArrayEquals(hs(4, 9, 31, 30, 29), getBulk(5));
        expect(range(21, 29), 11, "deq 12");
        long[] thirteen = hs(8, 7, 6, 5, 20, 19, 18, 17, 4, 9, 31, 30, 29);
        pool.putBulk(thirteen, 0, 13);
        expect(range(21, 29), 24, "enq 13");
        // 5. A failed get restores the cache; when the refill fails the rest is tried directly.
        long[] tooMany = new long[33];
        assertFalse(pool.getBulk(tooMany, 0, 33));
        expect(range(21, 29), 24, "deq 33 (failed)", "deq 25 (failed)");
        long[] rest = getBulk(32);
        assertEquals(h(28), rest[0]);
        expect(none(), 0, "deq 32 (failed)", "deq 24");
    }

    @Test
    void ltsCacheOfOne() {
        setUp(CachePolicy.LTS_25_11, 8, 1); // threshold 1
        assertEquals(h(1), pool.get()); // refill 1 + 1, pop one, len = size = 1
        expect(new int[] {0}, 6, "deq 2");
        pool.put(h(1)); // 1 + 1 > 1: flush all, cache the new one
        expect(new int[] {1}, 7, "enq 1");
    }

    @Test
    void aUserCacheWalksTheSameWayAndIsNotCounted() {
        setUp(CachePolicy.V26_07, 32, 8);
        MempoolCache user = MempoolCache.create(8);
        long[] out = new long[1];
        assertTrue(pool.genericGet(out, 0, 1, user));
        assertEquals(h(3), out[0]);
        assertEquals(3, user.length());
        assertEquals(28, backend.count());
        assertEquals(28, pool.availCount(), "user-owned caches are not counted");
        assertEquals(List.of(new RecordingFifoOps.Op("deq", 4, true)), backend.drainLog());
        pool.genericPut(out, 0, 1, user);
        assertEquals(4, user.length());
        pool.cacheFlush(user);
        assertEquals(0, user.length());
        assertEquals(32, backend.count());
        assertEquals(List.of(new RecordingFifoOps.Op("enq", 4, true)), backend.drainLog());
    }
}
