package io.jmempool.properties.mempool;

import io.jmempool.mempool.CachePolicy;
import io.jmempool.mempool.Mempool;

import java.util.List;

/**
 * One pool to create and populate, and the user-owned caches that drive it next to the thread's default cache.
 *
 * @param policy the cache algorithm
 * @param driver the driver set by name, or null for the one the flags choose
 * @param n the number of objects
 * @param cacheSize the default caches' size (0 for none)
 * @param userCaches the sizes of the user-owned caches, in [1, 512], independent of n
 * @param eltSize the element size
 * @param flags creation flags
 * @param debug whether the debug checks are on from the start
 * @param stats whether statistics are on from the start
 */
record PoolConfig(CachePolicy policy, String driver, int n, int cacheSize, List<Integer> userCaches, int eltSize,
                  int flags, boolean debug, boolean stats) {

    /** The smallest n the policy's creation limit allows for this cache size (dpdk-behaviour.md §2.2). */
    static int minSize(CachePolicy policy, int cacheSize) {
        return Math.max(1, policy == CachePolicy.V26_07 ? cacheSize : cacheSize * 3 / 2);
    }

    /** The most a cache of this size may hold: its size (v26.07) or the flush threshold 1.5 x size (LTS). */
    int bound(int size) {
        return policy == CachePolicy.V26_07 ? size : size * 3 / 2;
    }

    /** The driver the pool must end up with: the one named, or DPDK's choice from SP_PUT and SC_GET. */
    String expectedDriver() {
        if (driver != null) {
            return driver;
        }
        boolean sp = (flags & Mempool.SP_PUT) != 0;
        boolean sc = (flags & Mempool.SC_GET) != 0;
        return sp && sc ? "ring_sp_sc" : sp ? "ring_sp_mc" : sc ? "ring_mp_sc" : "ring_mp_mc";
    }

    boolean lifo() {
        return "stack".equals(expectedDriver());
    }

    boolean recording() {
        return RecordingDriver.FIFO.equals(driver) || RecordingDriver.SCRIBBLING.equals(driver);
    }

    PoolConfig withDriver(String d) {
        return new PoolConfig(policy, d, n, cacheSize, userCaches, eltSize, flags, debug, stats);
    }

    PoolConfig withDebug(boolean on) {
        return new PoolConfig(policy, driver, n, cacheSize, userCaches, eltSize, flags, on, stats);
    }

    PoolConfig withStats(boolean on) {
        return new PoolConfig(policy, driver, n, cacheSize, userCaches, eltSize, flags, debug, on);
    }

    Mempool create(String name) {
        Mempool pool = createEmpty(name);
        int populated = pool.populateDefault();
        if (populated != n) {
            pool.close();
            throw new AssertionError("populateDefault() = " + populated + ", expected " + n + " for " + this);
        }
        return pool;
    }

    Mempool createEmpty(String name) {
        Mempool pool = Mempool.builder(name).size(n).elementSize(eltSize).cacheSize(cacheSize).flags(flags)
                .cachePolicy(policy).debug(debug).stats(stats).createEmpty();
        if (driver != null) {
            pool.setOpsByName(driver);
        }
        if (!pool.opsName().equals(expectedDriver())) {
            pool.close();
            throw new AssertionError("driver " + pool.opsName() + ", expected " + expectedDriver() + " for " + this);
        }
        return pool;
    }

    @Override
    public String toString() {
        return policy + " n=" + n + " cache=" + cacheSize + (userCaches.isEmpty() ? "" : " user caches " + userCaches)
                + " driver=" + expectedDriver() + (driver == null ? " (by flags)" : "") + " elt=" + eltSize
                + (flags == 0 ? "" : " flags=0x" + Integer.toHexString(flags)) + (debug ? " debug" : "")
                + (stats ? " stats" : "");
    }
}
