package io.jmempool.mempool;

/**
 * An object cache ({@code struct rte_mempool_cache}): a LIFO of handles, the hottest on top.
 *
 * <p>Each pool with a cache size has one default cache per lcore id, used by {@link Mempool#get()} and friends on
 * threads that hold an id (see {@link Lcore}). A <em>user-owned</em> cache ({@link #create(int)}) is not tied to a
 * pool or a thread: pass it to {@link Mempool#genericGet} and {@link Mempool#genericPut}. It is the fastest path, with
 * no lookup at all, and the way to give virtual threads, or any group of threads that take turns, a cache.
 *
 * <p>A cache is not thread-safe: one thread at a time. It holds objects of one pool at a time; using it with another
 * pool while it holds objects is refused. {@link Mempool#availCount()} counts the default caches but not user-owned
 * ones, as in DPDK; {@link Mempool#cacheFlush(MempoolCache)} returns a cache's objects to its pool. {@link #free()}
 * does <em>not</em> flush: objects left in a freed cache are lost to their pool (DPDK's {@code cache_free}).
 *
 * <p>Layout: {@code len} is written by the owning thread and read by any thread that counts the pool, so it sits
 * alone between 128-byte pads (two superclasses keep the field order; the JVM may reorder fields within a class).
 */
public final class MempoolCache extends MempoolCacheFields {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    private MempoolCache(int size, Mempool defaultOf) {
        super(size, defaultOf);
    }

    /**
     * Creates a user-owned cache ({@code rte_mempool_cache_create}).
     *
     * @param size the cache size, in [1, {@value Mempool#CACHE_MAX_SIZE}]
     * @return the cache, empty
     * @throws IllegalArgumentException if the size is out of range
     */
    public static MempoolCache create(int size) {
        if (size <= 0 || size > Mempool.CACHE_MAX_SIZE) {
            throw new IllegalArgumentException("size = " + size + ": must be in [1, " + Mempool.CACHE_MAX_SIZE + "]");
        }
        return new MempoolCache(size, null);
    }

    static MempoolCache defaultCache(int size, Mempool pool) {
        return new MempoolCache(size, pool);
    }

    /**
     * Frees a user-owned cache ({@code rte_mempool_cache_free}) without flushing it. Later use throws.
     *
     * @throws IllegalStateException if this is a pool's default cache, which lives as long as its pool
     */
    public void free() {
        if (defaultOf != null) {
            throw new IllegalStateException("this is the default cache of mempool '" + defaultOf.name()
                    + "': it lives as long as the pool; flush it with cacheFlush instead");
        }
        freed = true;
        len = 0;
        pool = null;
    }

    /**
     * The configured size.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * The number of objects in the cache now.
     *
     * @return {@code len}
     */
    public int length() {
        return len;
    }

    /**
     * The put and get-success counts of a user-owned cache, made while its pool's statistics were on. A default
     * cache counts in its pool's {@link Mempool#stats()} instead, so this is zero for one.
     *
     * @return a snapshot
     */
    public MempoolStats stats() {
        return MempoolStats.sum(stats);
    }

    /**
     * Whether this is a pool's default cache rather than a user-owned one.
     *
     * @return true for a default cache
     */
    public boolean isDefault() {
        return defaultOf != null;
    }

    @Override
    public String toString() {
        return (defaultOf != null ? "default" : "user") + " cache[size " + size + ", len " + len + "]";
    }
}

/** 128 bytes of padding before the hot fields. */
abstract class MempoolCachePad {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

/** The cache's fields, between two pads. */
abstract class MempoolCacheFields extends MempoolCachePad {
    /** Objects the cache may hold in steady state. */
    final int size;
    /** Objects held now; {@code objs[len - 1]} is the hottest. Written by the owning thread only. */
    int len;
    /**
     * The handles. Room for {@code size + CACHE_MAX_SIZE}: the v26.07 algorithm never exceeds {@code size}, the LTS
     * algorithm parks up to 1.5 x size and refills {@code size + remaining} (remaining at most 512).
     */
    final long[] objs;
    /** The pool whose objects the cache holds, or null when empty (user caches) ; fixed for default caches. */
    Mempool pool;
    /** The pool this is the default cache of, or null for a user-owned cache. */
    final Mempool defaultOf;
    boolean freed;
    /** A user-owned cache's own put and get-success counts, as DPDK keeps them in the cache. */
    final long[] stats = new long[MempoolStats.SLOT_LONGS];

    MempoolCacheFields(int size, Mempool defaultOf) {
        this.size = size;
        this.objs = new long[size + Mempool.CACHE_MAX_SIZE];
        this.defaultOf = defaultOf;
        this.pool = defaultOf;
    }
}
