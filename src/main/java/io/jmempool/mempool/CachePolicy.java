package io.jmempool.mempool;

/**
 * Which per-lcore cache algorithm a pool runs. Both are DPDK's, exactly; the choice exists so that both can be
 * verified and measured side by side.
 */
public enum CachePolicy {
    /**
     * DPDK v26.07 (commit f5e1310f16), the default. A cache never holds more than its size. A put that does not fit
     * flushes the oldest half of the cache to the backend, or, if larger than half the size, goes to the backend
     * directly. A get that the cache cannot serve refills exactly half the cache, or, if the rest of the request is
     * larger than half the size, takes it from the backend directly; on failure the cache is restored. Creation
     * requires {@code cacheSize <= n}.
     */
    V26_07,
    /**
     * DPDK v22.11 to v26.03, including the LTS v25.11. A cache holds up to 1.5 times its size (the flush threshold).
     * A put that would pass the threshold flushes the whole cache and caches the new objects; a put larger than the
     * threshold goes to the backend directly. A get that the cache cannot serve refills {@code size + remaining}
     * objects and leaves the cache at its size, or takes the rest from the backend directly if the refill fails or
     * the rest exceeds 512; on failure the cache is restored. Creation requires {@code cacheSize * 3 / 2 <= n}.
     */
    LTS_25_11
}
