package io.jmempool.bench;

import io.jmempool.mempool.Lcore;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JMH's benchmark threads as jmempool {@code LcoreThread}s, each holding an lcore id for its lifetime: DPDK's EAL
 * threads, and the fastest way for a thread to reach its default mempool cache. Selected in a fork's JVM arguments
 * with {@code -Djmh.executor=CUSTOM -Djmh.executor.class=io.jmempool.bench.LcoreExecutor}.
 */
public final class LcoreExecutor extends ThreadPoolExecutor {
    /**
     * Creates a fixed pool, as JMH's default executor does.
     *
     * @param threads the number of benchmark threads
     * @param prefix the thread name prefix JMH chooses
     */
    public LcoreExecutor(int threads, String prefix) {
        super(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), Lcore.threadFactory(prefix + "-lcore"));
    }
}
