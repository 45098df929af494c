package io.jmempool.properties.mempool;

import io.jmempool.mempool.Mempool;
import io.jmempool.properties.mempool.BadPoolCall.ClosedCall;

import java.lang.foreign.Arena;

/** Every entry point that reads or changes a pool's state, called on a freed pool with otherwise valid arguments. */
final class ClosedCalls {
    private ClosedCalls() {
    }

    static void call(ClosedCall c, Mempool pool, long handle, Arena arena) {
        long[] one = {handle};
        switch (c) {
            case GET -> pool.get();
            case PUT -> pool.put(handle);
            case GET_BULK -> pool.getBulk(new long[1], 0, 1);
            case PUT_BULK -> pool.putBulk(one, 0, 1);
            case GENERIC_GET -> pool.genericGet(new long[1], 0, 1, null);
            case GENERIC_PUT -> pool.genericPut(one, 0, 1, null);
            case CACHE_FLUSH -> pool.cacheFlush(null);
            case AVAIL_COUNT -> pool.availCount();
            case IN_USE_COUNT -> pool.inUseCount();
            case IS_FULL -> pool.isFull();
            case IS_EMPTY -> pool.isEmpty();
            case COMMON_POOL_COUNT -> pool.commonPoolCount();
            case SET_OPS -> pool.setOpsByName("stack");
            case POPULATE_DEFAULT -> pool.populateDefault();
            case POPULATE -> pool.populate(arena.allocate(4096, 64));
            case DEFAULT_CACHE -> pool.defaultCache();
            case AUDIT -> pool.audit();
            case STATS -> pool.stats();
            case STATS_RESET -> pool.statsReset();
            case SET_DEBUG -> pool.setDebug(!pool.isDebug());
            case SET_STATS -> pool.setStats(!pool.isStats());
            case DUMP -> pool.dump();
            case INFO -> pool.info();
            case OBJ_ITER -> pool.objIter((p, h, seg, off, idx) -> { });
            case MEM_ITER -> pool.memIter((p, seg, idx) -> { });
            case MEM_RANGE -> pool.memRange();
            case PRIVATE_DATA -> pool.privateData();
            case HANDLE_OF_ADDRESS -> pool.handleOfAddress(0);
        }
    }
}
