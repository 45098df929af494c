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
import org.openjdk.jmh.annotations.Threads;

/**
 * M2: two threads each run M1's loop (take {@code n}, give them back) on one shared pool. The score is the two
 * threads' total invocations per microsecond; the report multiplies by {@code n} for millions of objects per second
 * (one get plus one put each). Two-thread results depend on where the host places the two vCPUs: compare them within
 * one run and look at the spread over iterations and forks.
 *
 * <p>Same peers, fork arguments and naming as {@link M1Pool}: the pools are {@code Scope.Benchmark} states, so both
 * threads use the same one, and each thread holds its objects in its own {@link PoolPeers.Hands}.
 *
 * <h2>Ours</h2>
 * As in {@link M1Pool}: {@code jmempool} (cache 256, the headline), {@code jmempoolNoCache},
 * {@code jmempoolUserCache} (a cache per thread), in the marked place below.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=io.jmempool.bench.FastThreadExecutor",
        "-Dio.netty.recycler.chunkSize=" + PoolPeers.MAX_BURST, "--sun-misc-unsafe-memory-access=allow"})
public class M2Pool {
    @Param({"1", "32"})
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

    /** Netty's Recycler: each thread has its own stack; the Recycler is shared. */
    @Benchmark
    public void nettyRecycler(PoolPeers.NettyRecycler pool, PoolPeers.Hands hands) {
        PoolPeers.cycle(pool, hands, n);
    }

    /** Netty's PooledByteBufAllocator: shared arenas, a cache per thread. */
    @Benchmark
    public void nettyPooledDirect(PoolPeers.NettyPooledDirect pool, PoolPeers.Hands hands) {
        PoolPeers.cycle(pool, hands, n);
    }

    /** Stormpot: one pool, both threads claim and release. */
    @Benchmark
    public void stormpot(PoolPeers.Stormpot pool, PoolPeers.Hands hands) throws InterruptedException {
        PoolPeers.cycle(pool, hands, n);
    }

    /** Apache commons-pool2 GenericObjectPool shared by both threads (allocates by design). */
    @Benchmark
    public void commonsPool2(PoolPeers.CommonsPool2 pool, PoolPeers.Hands hands) throws Exception {
        PoolPeers.cycle(pool, hands, n);
    }

    /** One JCTools MpmcArrayQueue of off-heap slices shared by both threads. */
    @Benchmark
    public void jctoolsMpmcSlices(PoolPeers.JctoolsSlices pool, PoolPeers.Hands hands) {
        PoolPeers.cycle(pool, hands, n);
    }
}
