package io.jmempool.properties.mempool;

import io.jmempool.mempool.Errno;
import io.jmempool.mempool.ForeignHandleException;
import io.jmempool.properties.Refusal;
import io.jmempool.properties.mempool.PoolCommand.Foreign;
import io.jmempool.properties.mempool.PoolCommand.Via;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A mempool call with at least one bad argument, or on a freed pool. Most run on the pool under test in the state
 * the scenario left it (populated); {@link Entry#SET_OPS_EMPTY} and {@link Entry#POPULATE_EMPTY} run on a fresh empty
 * pool of the same configuration, where {@code partial} objects were populated first. What the call must do is
 * computed from its arguments by the documented rules ({@link #refusals}, {@link #code}); with several defects any of
 * them may be the one reported.
 *
 * @param entry the entry point
 * @param via the cache the call would use, before a cache defect replaces it
 * @param defects what is wrong with the arguments
 * @param n the count passed
 * @param off the array offset
 * @param length the array length
 * @param foreign the foreign handle, with {@link Defect#FOREIGN_HANDLE}
 * @param pos where in the batch the foreign handle goes
 * @param partial objects populated before the call, with {@link Entry#POPULATE_EMPTY}
 * @param opsName the driver name, with the set-ops entries
 */
record BadPoolCall(Entry entry, Via via, Set<Defect> defects, int n, int off, int length, Foreign foreign, int pos,
                   int partial, String opsName) {

    /** The entry points, and where they run. */
    enum Entry {
        GET_BULK, PUT_BULK, GENERIC_GET, GENERIC_PUT, PUT, CACHE_FLUSH,
        /** setOpsByName on the populated pool: too late, whatever the name. */
        SET_OPS_POPULATED,
        /** populateDefault on the populated pool: EEXIST. */
        POPULATE_DEFAULT_POPULATED,
        /** populate / populateIova on the full pool: ENOSPC, unless the chunk argument is bad. */
        POPULATE_FULL, POPULATE_IOVA_FULL,
        /** setOpsByName with a bad name on a fresh empty pool. */
        SET_OPS_EMPTY,
        /** populate with a bad or too small chunk on a fresh pool holding {@code partial} objects. */
        POPULATE_EMPTY,
        /** every call that reads or changes the pool's state, on the freed pool. */
        CLOSED_POOL;

        boolean takesArray() {
            return this == GET_BULK || this == PUT_BULK || this == GENERIC_GET || this == GENERIC_PUT;
        }

        boolean takesCache() {
            return this == GENERIC_GET || this == GENERIC_PUT || this == CACHE_FLUSH;
        }

        boolean puts() {
            return this == PUT_BULK || this == GENERIC_PUT || this == PUT;
        }

        boolean populates() {
            return this == POPULATE_FULL || this == POPULATE_IOVA_FULL || this == POPULATE_EMPTY;
        }
    }

    /** What can be wrong. */
    enum Defect {
        NEGATIVE_N, NEGATIVE_OFFSET, RANGE_PAST_END, NULL_ARRAY,
        FREED_CACHE, CACHE_HOLDING_OTHER_POOL, OTHER_POOLS_DEFAULT_CACHE,
        FOREIGN_HANDLE,
        NULL_CHUNK, CLOSED_CHUNK, READ_ONLY_CHUNK, TINY_CHUNK, MISALIGNED_CHUNK,
        UNKNOWN_OPS
    }

    /** The calls tried on a freed pool: every entry point that reads or changes its state. */
    enum ClosedCall {
        GET, PUT, GET_BULK, PUT_BULK, GENERIC_GET, GENERIC_PUT, CACHE_FLUSH, AVAIL_COUNT, IN_USE_COUNT, IS_FULL,
        IS_EMPTY, COMMON_POOL_COUNT, SET_OPS, POPULATE_DEFAULT, POPULATE, DEFAULT_CACHE, AUDIT, STATS, STATS_RESET,
        SET_DEBUG, SET_STATS, DUMP, INFO, OBJ_ITER, MEM_ITER, MEM_RANGE, PRIVATE_DATA, HANDLE_OF_ADDRESS
    }

    boolean arrayIsNull() {
        return defects.contains(Defect.NULL_ARRAY);
    }

    boolean chunkIsBad() {
        return defects.contains(Defect.NULL_CHUNK) || defects.contains(Defect.CLOSED_CHUNK)
                || defects.contains(Defect.READ_ONLY_CHUNK);
    }

    /**
     * The exceptions the documented rules allow, given the pool's name and the foreign handle the call's batch held
     * (null if none); empty when the call must return a code instead.
     */
    List<Refusal> refusals(String pool, Long foreignInBatch) {
        List<Refusal> r = new ArrayList<>();
        switch (entry) {
            case CLOSED_POOL -> r.add(new Refusal(IllegalStateException.class, "mempool '" + pool + "' was freed"));
            case SET_OPS_POPULATED -> r.add(new Refusal(IllegalStateException.class,
                    "mempool '" + pool + "' is already populated"));
            case SET_OPS_EMPTY -> r.add(new Refusal(IllegalArgumentException.class, "opsName = '" + opsName + "'"));
            case POPULATE_DEFAULT_POPULATED -> { }
            case POPULATE_FULL, POPULATE_IOVA_FULL, POPULATE_EMPTY -> {
                if (defects.contains(Defect.NULL_CHUNK)) {
                    r.add(new Refusal(NullPointerException.class, "chunk is null"));
                }
                if (defects.contains(Defect.CLOSED_CHUNK)) {
                    r.add(new Refusal(IllegalStateException.class, "chunk: the segment's arena is closed"));
                }
                if (defects.contains(Defect.READ_ONLY_CHUNK)) {
                    r.add(new Refusal(IllegalArgumentException.class, "chunk: the segment is read-only"));
                }
            }
            default -> {
                if (entry.takesArray()) {
                    if (arrayIsNull()) {
                        r.add(new Refusal(NullPointerException.class, "objs is null"));
                    }
                    if (n < 0) {
                        r.add(new Refusal(IllegalArgumentException.class, "n = " + n));
                    }
                    if (!arrayIsNull() && (off < 0 || (n >= 0 && off > length - n))) {
                        r.add(new Refusal(IndexOutOfBoundsException.class, "objs: offset = " + off));
                    }
                }
                if (defects.contains(Defect.FREED_CACHE)) {
                    r.add(new Refusal(IllegalStateException.class, "cache was freed"));
                }
                if (defects.contains(Defect.CACHE_HOLDING_OTHER_POOL)) {
                    r.add(new Refusal(IllegalArgumentException.class, "cache holds 1 objects of mempool '"
                            + Strangers.OTHER_NAME + "'"));
                }
                if (defects.contains(Defect.OTHER_POOLS_DEFAULT_CACHE)) {
                    r.add(new Refusal(IllegalArgumentException.class, "cache is the default cache of mempool '"
                            + Strangers.OTHER_NAME + "'"));
                }
                if (foreignInBatch != null) {
                    r.add(new Refusal(ForeignHandleException.class, "handle 0x" + Long.toHexString(foreignInBatch)
                            + " does not belong to mempool '" + pool + "'"));
                }
            }
        }
        return r;
    }

    /** The return code the call must give when no exception is allowed, else null. */
    Integer code() {
        return switch (entry) {
            case POPULATE_DEFAULT_POPULATED -> Errno.EEXIST;
            case POPULATE_FULL, POPULATE_IOVA_FULL -> chunkIsBad() ? null : Errno.ENOSPC;
            case POPULATE_EMPTY -> chunkIsBad() ? null : 0; // not one object fits
            default -> null;
        };
    }

    private String cacheArg() {
        return switch (via.route()) {
            case DEFAULT_GENERIC -> "defaultCache()";
            case USER -> "user" + via.user();
            default -> "null";
        };
    }

    @Override
    public String toString() {
        String array = arrayIsNull() ? "null" : "long[" + length + "]";
        String cache = defects.contains(Defect.FREED_CACHE) ? "a freed cache"
                : defects.contains(Defect.CACHE_HOLDING_OTHER_POOL) ? "a user cache holding " + Strangers.OTHER_NAME
                + "'s objects"
                : defects.contains(Defect.OTHER_POOLS_DEFAULT_CACHE) ? Strangers.OTHER_NAME + "'s default cache"
                : null;
        String handles = defects.contains(Defect.FOREIGN_HANDLE) ? " holding " + foreign + " handle at " + pos : "";
        String chunk = defects.contains(Defect.NULL_CHUNK) ? "null" : defects.contains(Defect.CLOSED_CHUNK)
                ? "closed chunk" : defects.contains(Defect.READ_ONLY_CHUNK) ? "read-only chunk"
                : defects.contains(Defect.MISALIGNED_CHUNK) ? "misaligned one-object chunk" : "tiny chunk";
        return switch (entry) {
            case GET_BULK -> via.prefix() + "getBulk(" + array + ", " + off + ", " + n + ")";
            case PUT_BULK -> via.prefix() + "putBulk(" + array + handles + ", " + off + ", " + n + ")";
            case GENERIC_GET -> "genericGet(" + array + ", " + off + ", " + n + ", "
                    + (cache != null ? cache : cacheArg()) + ")";
            case GENERIC_PUT -> "genericPut(" + array + handles + ", " + off + ", " + n + ", "
                    + (cache != null ? cache : cacheArg()) + ")";
            case PUT -> via.prefix() + "put(" + foreign + " handle)";
            case CACHE_FLUSH -> "cacheFlush(" + cache + ")";
            case SET_OPS_POPULATED -> "setOpsByName(" + opsName + ") after populate";
            case POPULATE_DEFAULT_POPULATED -> "populateDefault() again";
            case POPULATE_FULL -> "populate(" + chunk + ") on a full pool";
            case POPULATE_IOVA_FULL -> "populateIova(" + chunk + ", iova) on a full pool";
            case SET_OPS_EMPTY -> "setOpsByName(" + (opsName == null ? "null" : "'" + opsName + "'")
                    + ") on a fresh pool";
            case POPULATE_EMPTY -> "populate(" + chunk + ") on a fresh pool holding " + partial;
            case CLOSED_POOL -> "every call on the freed pool";
        };
    }
}
