package io.jmempool.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * M1: one thread takes {@code n} objects from a pool of 8192 objects of 64 bytes and gives them back (DPDK:
 * {@code rte_mempool_get_bulk(n)} then {@code rte_mempool_put_bulk(n)}). Scores are ns per invocation; the report
 * divides by {@code n} for ns per object (one get plus one put).
 *
 * <p>The peers and their set-up are in {@link PoolPeers}. The fork runs every benchmark thread as a Netty
 * {@code FastThreadLocalThread} ({@link FastThreadExecutor}): Netty pools only there, and every benchmark of the class
 * runs on the same thread type. It also raises Netty's recycler batch to 128 objects, so that Netty's pools do not
 * allocate at n = 128 (see {@link PoolPeers.NettyRecycler}). {@code -jvmArgsAppend} on the JMH command line replaces
 * these arguments; add flags with {@code -jvmArgsPrepend} instead.
 *
 * <h2>Ours</h2>
 * Our benchmarks go in the marked place below, named {@code jmempool...} so that the report tells them from the
 * peers: {@code jmempool} is the headline, a pool with a per-thread cache of 256 (DPDK's {@code cache256});
 * {@code jmempoolNoCache} matches DPDK's {@code nocache} and {@code jmempoolUserCache} its {@code usercache256}
 * ({@code rte_mempool_cache_create} plus {@code rte_mempool_generic_get/put}). Any other {@code jmempool...} method
 * is shown beside them. Keep their state in a {@code Scope.Benchmark} class, as the peers' is, so that {@link M2Pool}
 * can share it between its two threads, and hold the objects taken in a per-thread array.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.jmempool.bench.FastThreadExecutor",
        "-Dio.netty.recycler.chunkSize=" + PoolPeers.MAX_BURST, "--sun-misc-unsafe-memory-access=allow"})
public class M1Pool {
    @Param({"1", "8", "32", "128"})
    public int n;

    // ---- Ours. The headline runs on LcoreThreads ({@link LcoreExecutor}), DPDK's EAL threads: the designed fast path
    // to a default cache. jmempoolRegistered runs the same pool on plain threads registered with Lcore.register(),
    // which reach their cache through a thread-local; jmempoolUserCache needs no lookup at all. ----

    /** Cache 256, v26.07, on lcore threads: DPDK's {@code cache256}. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.jmempool.bench.LcoreExecutor",
            "--sun-misc-unsafe-memory-access=allow"})
    public void jmempool(OurPools.Cache256 pool, OurPools.Hands hands) {
        OurPools.cycle(pool.pool, hands, n);
    }

    /** Cache 256 with the LTS v25.11 algorithm. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.jmempool.bench.LcoreExecutor",
            "--sun-misc-unsafe-memory-access=allow"})
    public void jmempoolLts(OurPools.Cache256Lts pool, OurPools.Hands hands) {
        OurPools.cycle(pool.pool, hands, n);
    }

    /** Cache 256 on plain threads registered with {@code Lcore.register()}: the thread-local lookup's cost. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
    public void jmempoolRegistered(OurPools.Cache256 pool, OurPools.Hands hands) {
        OurPools.cycle(pool.pool, hands, n);
    }

    /** No cache: every call goes to the ring, DPDK's {@code nocache}. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.jmempool.bench.LcoreExecutor",
            "--sun-misc-unsafe-memory-access=allow"})
    public void jmempoolNoCache(OurPools.NoCache pool, OurPools.Hands hands) {
        OurPools.cycle(pool.pool, hands, n);
    }

    /** A user-owned cache of 256 per thread, through genericGet/genericPut: DPDK's {@code usercache256}. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
    public void jmempoolUserCache(OurPools.ForUserCache pool, OurPools.Hands hands) {
        OurPools.cycleUser(pool.pool, hands, n);
    }

    /** The headline with the debug checks (cookies) on: their cost. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.jmempool.bench.LcoreExecutor",
            "--sun-misc-unsafe-memory-access=allow"})
    public void jmempoolDebug(OurPools.Cache256Debug pool, OurPools.Hands hands) {
        OurPools.cycle(pool.pool, hands, n);
    }

    /** The headline with statistics on: their cost. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.jmempool.bench.LcoreExecutor",
            "--sun-misc-unsafe-memory-access=allow"})
    public void jmempoolStats(OurPools.Cache256Stats pool, OurPools.Hands hands) {
        OurPools.cycle(pool.pool, hands, n);
    }

    // ---- Peers (PoolPeers). ----

    /** Netty's Recycler: a per-thread stack of objects. */
    @Benchmark
    public void nettyRecycler(PoolPeers.NettyRecycler pool, PoolPeers.Hands hands) {
        PoolPeers.cycle(pool, hands, n);
    }

    /** Netty's PooledByteBufAllocator: direct buffers of 64 bytes from its per-thread cache. */
    @Benchmark
    public void nettyPooledDirect(PoolPeers.NettyPooledDirect pool, PoolPeers.Hands hands) {
        PoolPeers.cycle(pool, hands, n);
    }

    /** Stormpot: claim n, release n. */
    @Benchmark
    public void stormpot(PoolPeers.Stormpot pool, PoolPeers.Hands hands) throws InterruptedException {
        PoolPeers.cycle(pool, hands, n);
    }

    /** Apache commons-pool2 GenericObjectPool: borrow n, return n (allocates by design). */
    @Benchmark
    public void commonsPool2(PoolPeers.CommonsPool2 pool, PoolPeers.Hands hands) throws Exception {
        PoolPeers.cycle(pool, hands, n);
    }

    /** A JCTools MpmcArrayQueue of off-heap slices: drain n, fill n (poll and offer for n = 1). */
    @Benchmark
    public void jctoolsMpmcSlices(PoolPeers.JctoolsSlices pool, PoolPeers.Hands hands) {
        PoolPeers.cycle(pool, hands, n);
    }
}
