package io.jmempool.mempool;

/**
 * A pool's statistics ({@code struct rte_mempool_debug_stats}), summed over every lcore and the slot for threads
 * without one. As in DPDK, a put or get through a user-owned cache counts its {@code put*} and {@code getSuccess*}
 * in that cache ({@link MempoolCache#stats()}), not here; backend transfers always count here. There are no hit
 * counters: hits are {@code putObjs - putCommonPoolObjs}, and likewise for gets.
 *
 * @param putBulk put calls
 * @param putObjs objects put
 * @param putCommonPoolBulk enqueues to the backend (puts that bypass the cache, flushes, populate)
 * @param putCommonPoolObjs objects enqueued to the backend
 * @param getCommonPoolBulk successful dequeues from the backend (refills and bypasses)
 * @param getCommonPoolObjs objects dequeued from the backend
 * @param getSuccessBulk successful get calls
 * @param getSuccessObjs objects got
 * @param getFailBulk failed get calls
 * @param getFailObjs objects asked for by failed get calls
 */
public record MempoolStats(long putBulk, long putObjs, long putCommonPoolBulk, long putCommonPoolObjs,
                           long getCommonPoolBulk, long getCommonPoolObjs, long getSuccessBulk, long getSuccessObjs,
                           long getFailBulk, long getFailObjs) {
    static final int PUT_BULK = 0;
    static final int PUT_OBJS = 1;
    static final int PUT_COMMON_POOL_BULK = 2;
    static final int PUT_COMMON_POOL_OBJS = 3;
    static final int GET_COMMON_POOL_BULK = 4;
    static final int GET_COMMON_POOL_OBJS = 5;
    static final int GET_SUCCESS_BULK = 6;
    static final int GET_SUCCESS_OBJS = 7;
    static final int GET_FAIL_BULK = 8;
    static final int GET_FAIL_OBJS = 9;
    /** Counters per slot, padded so that each slot has 128 bytes to itself. */
    static final int SLOT_LONGS = 16;

    static MempoolStats sum(long[] slots) {
        long[] t = new long[10];
        for (int base = 0; base < slots.length; base += SLOT_LONGS) {
            for (int f = 0; f < t.length; f++) {
                t[f] += slots[base + f];
            }
        }
        return new MempoolStats(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9]);
    }
}
