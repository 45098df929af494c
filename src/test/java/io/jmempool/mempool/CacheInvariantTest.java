package io.jmempool.mempool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Property 47 of dpdk-behaviour.md §6 as a seeded random walk: random gets, puts and flushes through a small default
 * cache, with every invariant checked after every call. The generated, shrinking version of these properties is in
 * the properties module; this one runs in the core build so that a cache change cannot pass it unnoticed.
 */
class CacheInvariantTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private Mempool pool;

    @BeforeEach
    void register() {
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

    @ParameterizedTest(name = "{0} cache {1}")
    @CsvSource({"V26_07, 1", "V26_07, 2", "V26_07, 3", "V26_07, 8", "V26_07, 32",
        "LTS_25_11, 1", "LTS_25_11, 2", "LTS_25_11, 3", "LTS_25_11, 8", "LTS_25_11, 32"})
    void invariantsHoldAfterEveryCall(CachePolicy policy, int cacheSize) {
        int n = 96;
        pool = Mempool.builder("inv" + NAMES.incrementAndGet()).size(n).elementSize(8).cacheSize(cacheSize)
                .cachePolicy(policy).createEmpty();
        pool.setOpsByName(RecordingFifoOps.NAME);
        pool.populateDefault();
        RecordingFifoOps.Backend backend = RecordingFifoOps.last;
        backend.recording = true;
        MempoolCache cache = pool.defaultCache();
        int half = cacheSize / 2;
        int bound = policy == CachePolicy.V26_07 ? cacheSize : cacheSize * 3 / 2;
        List<Long> held = new ArrayList<>();
        Random rnd = new Random(cacheSize * 31L + policy.ordinal());
        for (int step = 0; step < 20_000; step++) {
            int op = rnd.nextInt(10);
            int lenBefore = cache.length();
            long[] cachedBefore = Arrays.copyOf(cache.objs, lenBefore);
            Set<Integer> allowed = new HashSet<>();
            if (op < 5) { // get k
                int k = rnd.nextInt(2 * cacheSize + 3);
                long[] out = new long[k];
                boolean ok = pool.getBulk(out, 0, k);
                if (ok) {
                    for (long h : out) {
                        held.add(h);
                    }
                    if (k > 0 && lenBefore > 0) {
                        assertEquals(cachedBefore[lenBefore - 1], out[0], "the top of the cache comes out first");
                    }
                } else {
                    assertArrayEquals(cachedBefore, Arrays.copyOf(cache.objs, cache.length()),
                            "a failed get leaves the cache exactly as it was");
                    assertTrue(k > lenBefore + backend.count(), "a get fails only if cache + backend < k");
                }
                allowed.add(policy == CachePolicy.V26_07 ? half : cacheSize + (k - lenBefore));
                allowed.add(k - lenBefore); // bypass: the rest of the request
            } else if (op < 9) { // put k of the held objects
                int k = held.isEmpty() ? 0 : 1 + rnd.nextInt(Math.min(held.size(), 2 * cacheSize + 2));
                long[] in = new long[k];
                for (int i = 0; i < k; i++) {
                    in[i] = held.remove(held.size() - 1);
                }
                pool.putBulk(in, 0, k);
                allowed.add(policy == CachePolicy.V26_07 ? half : lenBefore); // flush half / flush all
                allowed.add(k); // direct
            } else {
                pool.cacheFlush(null);
                allowed.add(lenBefore);
            }
            for (RecordingFifoOps.Op t : backend.drainLog()) {
                assertTrue(allowed.contains(t.n()), "step " + step + ": a backend transfer of " + t.n()
                        + " objects; allowed " + allowed);
            }
            assertTrue(cache.length() >= 0 && cache.length() <= bound, "0 <= len <= " + bound);
            assertEquals(n, backend.count() + cache.length() + held.size(), "conservation");
            Set<Long> everywhere = new HashSet<>(backend.fifo);
            for (int i = 0; i < cache.length(); i++) {
                everywhere.add(cache.objs[i]);
            }
            everywhere.addAll(held);
            assertEquals(n, everywhere.size(), "no object in two places");
        }
    }
}
