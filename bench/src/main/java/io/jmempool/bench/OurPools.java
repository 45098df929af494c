package io.jmempool.bench;

import io.jmempool.mempool.CachePolicy;
import io.jmempool.mempool.Lcore;
import io.jmempool.mempool.LcoreThread;
import io.jmempool.mempool.Mempool;
import io.jmempool.mempool.MempoolCache;

import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Our pools for M1 and M2, one state class per configuration: {@value PoolPeers#POOL_SIZE} objects of
 * {@value PoolPeers#OBJECT_SIZE} bytes, driver {@code ring_mp_mc} (as the DPDK harness uses), created before the
 * trial and freed after it. The states are {@link Scope#Benchmark}, so that M2's two threads share one pool.
 */
public final class OurPools {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private OurPools() {
    }

    /** The pool of one configuration. */
    public abstract static class Base {
        Mempool pool;

        abstract Mempool.Builder configure(Mempool.Builder b);

        @Setup(Level.Trial)
        public void setUp() {
            pool = configure(Mempool.builder("bench" + NAMES.incrementAndGet()).size(PoolPeers.POOL_SIZE)
                    .elementSize(PoolPeers.OBJECT_SIZE)).createEmpty();
            pool.setOpsByName("ring_mp_mc");
            if (pool.populateDefault() != PoolPeers.POOL_SIZE) {
                throw new IllegalStateException("populate failed");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
        }
    }

    /** Cache 256, v26.07: the headline, DPDK's {@code cache256}. */
    @State(Scope.Benchmark)
    public static class Cache256 extends Base {
        @Override
        Mempool.Builder configure(Mempool.Builder b) {
            return b.cacheSize(256);
        }
    }

    /** Cache 256 with the LTS v25.11 algorithm. */
    @State(Scope.Benchmark)
    public static class Cache256Lts extends Base {
        @Override
        Mempool.Builder configure(Mempool.Builder b) {
            return b.cacheSize(256).cachePolicy(CachePolicy.LTS_25_11);
        }
    }

    /** Cache 256 with the debug checks (cookies) on. */
    @State(Scope.Benchmark)
    public static class Cache256Debug extends Base {
        @Override
        Mempool.Builder configure(Mempool.Builder b) {
            return b.cacheSize(256).debug(true);
        }
    }

    /** Cache 256 with statistics on. */
    @State(Scope.Benchmark)
    public static class Cache256Stats extends Base {
        @Override
        Mempool.Builder configure(Mempool.Builder b) {
            return b.cacheSize(256).stats(true);
        }
    }

    /** No cache at all: every get and put goes to the ring, DPDK's {@code nocache}. */
    @State(Scope.Benchmark)
    public static class NoCache extends Base {
        @Override
        Mempool.Builder configure(Mempool.Builder b) {
            return b.cacheSize(0);
        }
    }

    /** Cache size 0 in the pool; the thread brings a user-owned cache of 256, DPDK's {@code usercache256}. */
    @State(Scope.Benchmark)
    public static class ForUserCache extends Base {
        @Override
        Mempool.Builder configure(Mempool.Builder b) {
            return b.cacheSize(0);
        }
    }

    /**
     * What one benchmark thread holds: the handles it took, a user-owned cache, and its lcore id. On an
     * {@link LcoreThread} (the {@link LcoreExecutor} forks) the id comes with the thread; on any other thread the set-up
     * registers one, and every get and put then finds it through a thread-local.
     */
    @State(Scope.Thread)
    public static class Hands {
        final long[] objs = new long[PoolPeers.MAX_BURST];
        MempoolCache user;

        @Setup(Level.Trial)
        public void setUp() {
            Lcore.register();
            user = MempoolCache.create(256);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            // Objects left in the user cache belong to a pool that is freed after the trial.
            user.free();
        }
    }

    /** Get n, put n through the calling thread's default cache. */
    static void cycle(Mempool pool, Hands hands, int n) {
        long[] objs = hands.objs;
        if (!pool.getBulk(objs, 0, n)) {
            throw new IllegalStateException("the pool ran dry");
        }
        pool.putBulk(objs, 0, n);
    }

    /** Get n, put n through the thread's user-owned cache. */
    static void cycleUser(Mempool pool, Hands hands, int n) {
        long[] objs = hands.objs;
        MempoolCache cache = hands.user;
        if (!pool.genericGet(objs, 0, n, cache)) {
            throw new IllegalStateException("the pool ran dry");
        }
        pool.genericPut(objs, 0, n, cache);
    }
}
