package io.jmempool.bench;

import io.netty.util.concurrent.FastThreadLocalThread;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JMH's benchmark threads as Netty {@link FastThreadLocalThread}s. Netty 4.2 keeps its per-thread pools (the
 * {@code Recycler}'s and {@code PooledByteBufAllocator}'s caches) only on that thread type; on plain threads it
 * allocates every time, which would measure the garbage collector instead of the pool.
 *
 * <p>Selected in a fork's JVM arguments with {@code -Djmh.executor=CUSTOM
 * -Djmh.executor.class=io.jmempool.bench.FastThreadExecutor}; JMH calls the {@code (int, String)} constructor.
 */
public final class FastThreadExecutor extends ThreadPoolExecutor {
    /**
     * Creates a fixed pool, as JMH's default executor does.
     *
     * @param threads the number of benchmark threads
     * @param prefix the thread name prefix JMH chooses
     */
    public FastThreadExecutor(int threads, String prefix) {
        super(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), factory(prefix));
    }

    private static java.util.concurrent.ThreadFactory factory(String prefix) {
        AtomicInteger id = new AtomicInteger();
        return r -> {
            Thread t = new FastThreadLocalThread(r, prefix + "-ftl-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
