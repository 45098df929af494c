package io.jmempool.properties.mempool;

import io.jmempool.mempool.Mempool;

/**
 * What a bad call needs from outside the pool under test: another live pool (its handles, its default cache, a user
 * cache holding its objects) and a handle of a freed pool. Made once per JVM; the live one stays registered.
 */
final class Strangers {
    static final String OTHER_NAME = "pbt_other";
    static final Mempool OTHER;
    static final long OTHER_HANDLE;
    static final long FREED_HANDLE;

    static {
        OTHER = Mempool.builder(OTHER_NAME).size(8).elementSize(8).cacheSize(4).createEmpty();
        OTHER.populateDefault();
        long[] first = new long[1];
        OTHER.objIter((p, h, seg, off, idx) -> {
            if (idx == 0) {
                first[0] = h;
            }
        });
        OTHER_HANDLE = first[0];
        try (Mempool gone = Mempool.create("pbt_freed", 1, 8, 0, 0, null, null, 0)) {
            FREED_HANDLE = gone.get();
        }
    }

    private Strangers() {
    }

    /** A handle of the kind asked for that does not belong to {@code pool}. */
    static long foreign(PoolCommand.Foreign kind, Mempool pool, long anyHandleOfPool) {
        return switch (kind) {
            case OTHER_POOL -> OTHER_HANDLE;
            case NULL -> Mempool.NULL_HANDLE;
            case FREED_POOL -> FREED_HANDLE;
            case PAST_END -> (anyHandleOfPool & 0xFFFF_FFFF_0000_0000L) | pool.size();
        };
    }
}
