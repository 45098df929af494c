package io.jmempool.mempool;

import io.jmempool.NameInUseException;
import io.jmempool.internal.Check;
import io.jmempool.internal.Mem;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A pool of fixed-size objects in off-heap memory: DPDK's {@code rte_mempool} (v26.07) in Java.
 *
 * <h2>Lifecycle</h2>
 * As in DPDK: {@link #createEmpty} (or {@link #builder}) makes a named pool with no memory; {@link #setOpsByName}
 * chooses its backend driver (by default the one the {@link #SP_PUT}/{@link #SC_GET} flags select); a populate call
 * ({@link #populateDefault()} or {@link #populate(MemorySegment)}) allocates the backend and cuts objects out of
 * memory; then {@link #get()} and {@link #put(long)} and their bulk forms move objects; {@link #close()} frees it.
 * {@link #create} does all of that in one call and runs an initialiser on every object.
 *
 * <h2>Objects and handles</h2>
 * An object is a {@code long} handle. It names its pool and its index, so that a handle from another pool, a freed
 * pool or nowhere is refused with a {@link ForeignHandleException} instead of corrupting anything. {@code 0} is never
 * a handle ({@link #NULL_HANDLE}). {@link #segmentOf(long)} and {@link #offset(long)} locate the element without
 * allocating; {@link #element(long)} returns a slice; {@link #address(long)} the native address; and
 * {@link #handleOf(MemorySegment, long)} goes back. Each object has a header and a trailer ({@link ObjectLayout}).
 *
 * <h2>Caches</h2>
 * Each thread that holds an lcore id ({@link Lcore}) gets its own default cache in every pool with a non-zero cache
 * size: a LIFO of up to {@code cacheSize} handles that absorbs puts and serves gets without touching the shared
 * backend, and flushes to or refills from it half a cache at a time (the {@link CachePolicy}). Threads without an id
 * go straight to the backend, unless they pass a user-owned {@link MempoolCache} to {@link #genericGet} and
 * {@link #genericPut}. A get is all or nothing: when the pool cannot supply every object, the call returns false and
 * nothing changes. It can fail while other threads' caches hold objects, as in DPDK.
 *
 * <h2>Counts</h2>
 * {@link #availCount()} is the backend's count plus the lengths of the default caches (not of user-owned caches),
 * clamped to the size because the lengths are read while other threads change them.
 *
 * <h2>Threads</h2>
 * Get and put may be called from any number of threads at once (the backend driver decides how: {@code ring_sp_*}
 * and {@code *_sc} drivers allow one putter or one getter at a time, as their names say). Creation, populate, ops
 * choice and close must not race with other calls on the same pool.
 */
public final class Mempool implements AutoCloseable {
    /** Do not spread objects over memory channels (DPDK {@code RTE_MEMPOOL_F_NO_SPREAD}). */
    public static final int NO_SPREAD = 0x1;
    /** Do not align objects to cache lines; implies {@link #NO_SPREAD} ({@code RTE_MEMPOOL_F_NO_CACHE_ALIGN}). */
    public static final int NO_CACHE_ALIGN = 0x2;
    /** Single-producer puts: the default driver is {@code ring_sp_*} ({@code RTE_MEMPOOL_F_SP_PUT}). */
    public static final int SP_PUT = 0x4;
    /** Single-consumer gets: the default driver is {@code ring_*_sc} ({@code RTE_MEMPOOL_F_SC_GET}). */
    public static final int SC_GET = 0x8;
    /** Set by the first populate; internal, refused at creation ({@code RTE_MEMPOOL_F_POOL_CREATED}). */
    public static final int POOL_CREATED = 0x10;
    /** Objects need not be IOVA-contiguous ({@code RTE_MEMPOOL_F_NO_IOVA_CONTIG}). */
    public static final int NO_IOVA_CONTIG = 0x20;
    /** No object has a valid IOVA; internal, refused at creation ({@code RTE_MEMPOOL_F_NON_IO}). */
    public static final int NON_IO = 0x40;
    /** The flags a caller may pass at creation. */
    public static final int USER_FLAGS = NO_SPREAD | NO_CACHE_ALIGN | SP_PUT | SC_GET | NO_IOVA_CONTIG;

    /** Largest cache size ({@code RTE_MEMPOOL_CACHE_MAX_SIZE}). */
    public static final int CACHE_MAX_SIZE = 512;
    /** Longest pool name ({@code RTE_MEMPOOL_NAMESIZE} - 1). */
    public static final int NAME_MAX = 25;
    /** Largest pool: its ring driver needs {@code nextPowerOfTwo(n + 1)} slots, at most 2^30. */
    public static final int SIZE_MAX = (1 << 30) - 1;
    /** Never a handle. */
    public static final long NULL_HANDLE = 0;
    /** The IOVA of memory that has none ({@code RTE_BAD_IOVA}). */
    public static final long BAD_IOVA = -1;
    /** Most drivers in the registry ({@code RTE_MEMPOOL_MAX_OPS_IDX}). */
    public static final int OPS_MAX = 16;
    /** Longest driver name ({@code RTE_MEMPOOL_OPS_NAMESIZE} - 1). */
    public static final int OPS_NAME_MAX = 31;

    // ------------------------------------------------------------------------------------------------------------
    // Process-wide registries: pools by name, drivers by index, event listeners

    private static final ConcurrentHashMap<String, Mempool> POOLS = new ConcurrentHashMap<>();
    private static final Object POOLS_LOCK = new Object();
    private static final AtomicInteger TAGS = new AtomicInteger();
    private static final CopyOnWriteArrayList<MempoolEventListener> LISTENERS = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[1]);

    /** Drivers by index; built-ins first, then ServiceLoader's sorted by name, then explicit registrations. */
    private static final class OpsRegistry {
        static final List<MempoolOps> OPS = new CopyOnWriteArrayList<>();

        static {
            add(new RingMempoolOps("ring_mp_mc", 0));
            add(new RingMempoolOps("ring_sp_sc", io.jmempool.ring.Ring.SP_ENQ | io.jmempool.ring.Ring.SC_DEQ));
            add(new RingMempoolOps("ring_mp_sc", io.jmempool.ring.Ring.SC_DEQ));
            add(new RingMempoolOps("ring_sp_mc", io.jmempool.ring.Ring.SP_ENQ));
            add(new StackMempoolOps());
            List<MempoolOps> found = new ArrayList<>();
            ServiceLoader.load(MempoolOps.class).forEach(found::add);
            found.sort(Comparator.comparing(MempoolOps::name));
            for (MempoolOps ops : found) {
                add(ops);
            }
        }

        static synchronized int add(MempoolOps ops) {
            Objects.requireNonNull(ops, "ops");
            String name = ops.name();
            if (name == null || name.isEmpty() || name.length() > OPS_NAME_MAX) {
                throw new IllegalArgumentException("ops name = '" + name + "': must have 1 to " + OPS_NAME_MAX
                        + " characters");
            }
            if (indexOf(name) >= 0) {
                throw new NameInUseException("mempool driver", name);
            }
            if (OPS.size() >= OPS_MAX) {
                throw new IllegalStateException("the driver registry is full: " + OPS_MAX + " drivers; cannot add '"
                        + name + "'");
            }
            OPS.add(ops);
            return OPS.size() - 1;
        }

        static int indexOf(String name) {
            for (int i = 0; i < OPS.size(); i++) {
                if (OPS.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * Adds a driver to the registry ({@code rte_mempool_register_ops}).
     *
     * @param ops the driver
     * @return its index
     * @throws IllegalArgumentException if its name is empty or longer than {@value #OPS_NAME_MAX}
     * @throws NameInUseException if a driver of that name is registered
     * @throws IllegalStateException if the registry holds {@value #OPS_MAX} drivers
     */
    public static int registerOps(MempoolOps ops) {
        return OpsRegistry.add(ops);
    }

    /**
     * The registered drivers' names, by index.
     *
     * @return a snapshot
     */
    public static List<String> opsNames() {
        List<String> names = new ArrayList<>();
        for (MempoolOps ops : OpsRegistry.OPS) {
            names.add(ops.name());
        }
        return names;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Per-pool state

    private final String name;
    private final int size;
    private final int eltSize;
    private final int cacheSize;
    private final int privateDataSize;
    private final CachePolicy policy;
    private final ObjectLayout layout;
    /** The tag in the top 32 bits of every handle, unique to this pool in the process. */
    private final int tag;
    private final long tagBase;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment privateData;
    /** One per lcore id, created on first use; null when the cache size is 0. */
    private final MempoolCache[] defaultCaches;

    private int flags;
    private int opsIndex;
    private MempoolBackend backend;
    private final List<Chunk> chunks = new ArrayList<>();
    /** The first chunk, the only one after populateDefault: the fast path of handle arithmetic. */
    private Chunk chunk0;
    private int populated;

    private static final int CLOSED = 1;
    private static final int DEBUG = 2;
    private static final int STATS = 4;
    /** The CLOSED, DEBUG and STATS bits: one volatile read per call, never hoisted out of a caller's loop. */
    private volatile int state;
    /** Counters per lcore id, {@link MempoolStats#SLOT_LONGS} apart; the last slot serves threads without an id. */
    private final long[] lcoreStats = new long[(Lcore.MAX + 1) * MempoolStats.SLOT_LONGS];
    private static final VarHandle LONG_ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Header cookie of an object in use (DPDK's COOKIE1). */
    static final long COOKIE_IN_USE = 0xbadbadbadadd2e55L;
    /** Header cookie of a free object, in the backend or a cache (DPDK's COOKIE2). */
    static final long COOKIE_FREE = 0xf2eef2eedadd2e55L;
    /** Header cookie while the debug checks are off, or just after they were switched on. */
    static final long COOKIE_UNKNOWN = 0;
    /** Trailer cookie, written at populate and never changed by the pool. */
    static final long COOKIE_TRAILER = 0xadd2e55badbadbadL;

    /** A run of objects in one segment: object i (global index firstIndex + i) has its header at headerOffset(i). */
    private record Chunk(MemorySegment segment, long firstObjectOffset, int firstIndex, int count, long iova) {
    }

    private Mempool(String name, int size, int eltSize, int cacheSize, int privateDataSize, int flags,
                    CachePolicy policy, boolean debug, boolean stats) {
        this.state = (debug ? DEBUG : 0) | (stats ? STATS : 0);
        this.name = name;
        this.size = size;
        this.eltSize = eltSize;
        this.cacheSize = cacheSize;
        this.privateDataSize = privateDataSize;
        this.policy = policy;
        this.layout = ObjectLayout.compute(eltSize, flags);
        this.flags = flags | NON_IO;
        this.tag = TAGS.incrementAndGet();
        this.tagBase = (long) tag << 32;
        this.defaultCaches = cacheSize == 0 ? null : new MempoolCache[Lcore.MAX];
        this.privateData = arena.allocate(Math.max(ObjectLayout.LINE, ObjectLayout.roundUp(privateDataSize,
                ObjectLayout.LINE)), ObjectLayout.LINE).asSlice(0, privateDataSize);
        // The default driver follows the flags (DPDK c2c6b2f413).
        this.opsIndex = OpsRegistry.indexOf(defaultOpsName(flags));
    }

    static String defaultOpsName(int flags) {
        boolean sp = (flags & SP_PUT) != 0;
        boolean sc = (flags & SC_GET) != 0;
        return sp && sc ? "ring_sp_sc" : sp ? "ring_sp_mc" : sc ? "ring_mp_sc" : "ring_mp_mc";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Creation

    /**
     * Creates an empty pool ({@code rte_mempool_create_empty}) with the v26.07 cache policy.
     *
     * @param name unique name, 1 to {@value #NAME_MAX} characters
     * @param n number of objects, in [1, {@value #SIZE_MAX}]
     * @param eltSize element size in bytes, {@code >= 0}
     * @param cacheSize per-lcore cache size, in [0, min({@value #CACHE_MAX_SIZE}, n)]; 0 for no default caches
     * @param privateDataSize bytes of private data for the application, {@code >= 0}
     * @param flags {@link #USER_FLAGS} bits
     * @return the pool, with no memory yet
     * @throws IllegalArgumentException if an argument is invalid; the message names it, its value and the limit
     * @throws NameInUseException if a live pool has this name
     */
    public static Mempool createEmpty(String name, int n, int eltSize, int cacheSize, int privateDataSize,
                                      int flags) {
        return builder(name).size(n).elementSize(eltSize).cacheSize(cacheSize).privateDataSize(privateDataSize)
                .flags(flags).createEmpty();
    }

    /**
     * Creates, populates and initialises a pool in one call ({@code rte_mempool_create}): create empty, run
     * {@code poolInit}, populate with the default allocator, then run {@code objInit} once on every object in order.
     * On failure the pool is freed and the exception propagates.
     *
     * @param name unique name
     * @param n number of objects
     * @param eltSize element size in bytes
     * @param cacheSize per-lcore cache size
     * @param privateDataSize bytes of private data
     * @param poolInit run once on the empty pool, or null
     * @param objInit run on every object, or null
     * @param flags {@link #USER_FLAGS} bits
     * @return the populated pool
     */
    public static Mempool create(String name, int n, int eltSize, int cacheSize, int privateDataSize,
                                 Consumer<Mempool> poolInit, ObjectVisitor objInit, int flags) {
        return builder(name).size(n).elementSize(eltSize).cacheSize(cacheSize).privateDataSize(privateDataSize)
                .flags(flags).create(poolInit, objInit);
    }

    /**
     * Starts building a pool; the builder also chooses the cache policy.
     *
     * @param name unique name, 1 to {@value #NAME_MAX} characters
     * @return a builder with size unset, element size 0, no cache, no private data, flags 0, policy v26.07
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Builds pools. The arguments are checked when {@link #createEmpty()} is called, in DPDK's order, before anything
     * is allocated or registered.
     */
    public static final class Builder {
        private final String name;
        private int n = -1;
        private int eltSize;
        private int cacheSize;
        private int privateDataSize;
        private int flags;
        private CachePolicy policy = CachePolicy.V26_07;
        private boolean debug;
        private boolean stats;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the number of objects.
         *
         * @param n number of objects, in [1, {@value #SIZE_MAX}]
         * @return this
         */
        public Builder size(int n) {
            this.n = n;
            return this;
        }

        /**
         * Sets the element size.
         *
         * @param eltSize bytes per element, {@code >= 0}
         * @return this
         */
        public Builder elementSize(int eltSize) {
            this.eltSize = eltSize;
            return this;
        }

        /**
         * Sets the per-lcore cache size.
         *
         * @param cacheSize in [0, {@value #CACHE_MAX_SIZE}], and at most n (v26.07) or 2n/3 (LTS)
         * @return this
         */
        public Builder cacheSize(int cacheSize) {
            this.cacheSize = cacheSize;
            return this;
        }

        /**
         * Sets the size of the private data area.
         *
         * @param privateDataSize bytes, {@code >= 0}
         * @return this
         */
        public Builder privateDataSize(int privateDataSize) {
            this.privateDataSize = privateDataSize;
            return this;
        }

        /**
         * Sets the flags.
         *
         * @param flags {@link #USER_FLAGS} bits
         * @return this
         */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**
         * Chooses the cache algorithm.
         *
         * @param policy the policy (default {@link CachePolicy#V26_07})
         * @return this
         */
        public Builder cachePolicy(CachePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Switches the debug checks on or off from the start (see {@link Mempool#setDebug(boolean)}).
         *
         * @param debug whether to check cookies (default false)
         * @return this
         */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /**
         * Switches statistics on or off from the start (see {@link Mempool#setStats(boolean)}).
         *
         * @param stats whether to count (default false)
         * @return this
         */
        public Builder stats(boolean stats) {
            this.stats = stats;
            return this;
        }

        /**
         * Checks the arguments and creates the empty pool ({@code rte_mempool_create_empty}).
         *
         * @return the pool
         */
        public Mempool createEmpty() {
            // DPDK's order (dpdk-behaviour.md §2.2): size, cache, flags, then the name.
            if (n <= 0 || n > SIZE_MAX) {
                throw new IllegalArgumentException("n = " + n + ": must be in [1, " + SIZE_MAX + "]");
            }
            if (cacheSize < 0 || cacheSize > CACHE_MAX_SIZE) {
                throw new IllegalArgumentException("cacheSize = " + cacheSize + ": must be in [0, " + CACHE_MAX_SIZE
                        + "]");
            }
            if (policy == CachePolicy.V26_07 && cacheSize > n) {
                throw new IllegalArgumentException("cacheSize = " + cacheSize + ": must be <= n = " + n
                        + " (v26.07 cache limit)");
            }
            if (policy == CachePolicy.LTS_25_11 && cacheSize * 3 / 2 > n) {
                throw new IllegalArgumentException("cacheSize = " + cacheSize + ": cacheSize * 3 / 2 = "
                        + cacheSize * 3 / 2 + " must be <= n = " + n + " (LTS cache limit: the flush threshold)");
            }
            if ((flags & ~USER_FLAGS) != 0) {
                throw new IllegalArgumentException("flags = 0x" + Integer.toHexString(flags) + ": bits 0x"
                        + Integer.toHexString(flags & ~USER_FLAGS) + " are not user flags; the user flags are 0x"
                        + Integer.toHexString(USER_FLAGS));
            }
            if (eltSize < 0) {
                throw new IllegalArgumentException("eltSize = " + eltSize + ": must be >= 0");
            }
            if (privateDataSize < 0) {
                throw new IllegalArgumentException("privateDataSize = " + privateDataSize + ": must be >= 0");
            }
            if (name == null) {
                throw new IllegalArgumentException("name = null: must have 1 to " + NAME_MAX + " characters");
            }
            if (name.isEmpty() || name.length() > NAME_MAX) {
                throw new IllegalArgumentException("name = '" + name + "' has " + name.length()
                        + " characters: must have 1 to " + NAME_MAX);
            }
            synchronized (POOLS_LOCK) {
                if (POOLS.containsKey(name)) {
                    throw new NameInUseException("mempool", name);
                }
                Mempool pool = new Mempool(name, n, eltSize, cacheSize, privateDataSize, flags, policy, debug, stats);
                POOLS.put(name, pool);
                return pool;
            }
        }

        /**
         * Creates, populates and initialises the pool ({@code rte_mempool_create}).
         *
         * @param poolInit run once on the empty pool, or null
         * @param objInit run on every object in index order, or null
         * @return the populated pool
         */
        public Mempool create(Consumer<Mempool> poolInit, ObjectVisitor objInit) {
            Mempool pool = createEmpty();
            try {
                if (poolInit != null) {
                    poolInit.accept(pool);
                }
                int r = pool.populateDefault();
                if (r < 0) {
                    throw new IllegalStateException("populating mempool '" + pool.name + "' failed: errno " + r);
                }
                if (objInit != null) {
                    pool.objIter(objInit);
                }
                return pool;
            } catch (RuntimeException | Error e) {
                pool.close();
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Lookup, list, walk

    /**
     * Finds a live pool by name ({@code rte_mempool_lookup}).
     *
     * @param name the name
     * @return the pool, or empty
     */
    public static Optional<Mempool> lookup(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(POOLS.get(name));
    }

    /**
     * Lists the live pools.
     *
     * @return a snapshot, in no particular order
     */
    public static List<Mempool> list() {
        return new ArrayList<>(POOLS.values());
    }

    /**
     * Calls {@code visitor} on every live pool ({@code rte_mempool_walk}).
     *
     * @param visitor the callback
     */
    public static void walk(Consumer<Mempool> visitor) {
        list().forEach(visitor);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Ops

    /**
     * Chooses the backend driver by name ({@code rte_mempool_set_ops_byname}); the pool stores its index.
     *
     * @param opsName a registered driver's name
     * @throws IllegalArgumentException if no driver has that name (DPDK's -EINVAL)
     * @throws IllegalStateException if the pool is already populated (DPDK's -EEXIST)
     */
    public void setOpsByName(String opsName) {
        checkOpen();
        if ((flags & POOL_CREATED) != 0) {
            throw new IllegalStateException("mempool '" + name + "' is already populated: its driver ("
                    + opsName() + ") cannot change");
        }
        int index = opsName == null ? -1 : OpsRegistry.indexOf(opsName);
        if (index < 0) {
            throw new IllegalArgumentException("opsName = '" + opsName + "': no such driver; registered: "
                    + opsNames());
        }
        opsIndex = index;
    }

    /**
     * The driver's index in the registry ({@code ops_index}).
     *
     * @return the index
     */
    public int opsIndex() {
        return opsIndex;
    }

    /**
     * The driver's name.
     *
     * @return the name
     */
    public String opsName() {
        return OpsRegistry.OPS.get(opsIndex).name();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Populate

    /**
     * Allocates the pool's memory and fills it with objects ({@code rte_mempool_populate_default}).
     *
     * @return the pool's size on success; {@link Errno#EEXIST} if the pool already has memory or the driver's backend
     *         name is taken; {@link Errno#ENOMEM} if no memory could be allocated
     */
    public int populateDefault() {
        checkOpen();
        if (!chunks.isEmpty()) {
            return Errno.EEXIST;
        }
        ObjectLayout l = layout;
        long objSize = l.totalSize();
        // On allocation failure, try halves, as DPDK does (9dbe628a7b), down to one object per chunk.
        int perChunk = size - populated;
        while (populated < size) {
            int count = Math.min(perChunk, size - populated);
            MemorySegment mem;
            try {
                mem = arena.allocate(objSize * count, l.alignment());
            } catch (OutOfMemoryError e) {
                if (perChunk == 1) {
                    return Errno.ENOMEM;
                }
                perChunk = Math.max(1, perChunk / 2);
                continue;
            }
            // IOVA-as-VA: the address is a valid IOVA.
            int r = populateIova(mem, mem.address());
            if (r < 0) {
                return r;
            }
        }
        return size;
    }

    /**
     * Adds objects cut from caller-supplied memory ({@code rte_mempool_populate_virt}). The memory must stay alive as
     * long as the pool is used; if its arena is closed, the pool's calls on those objects throw.
     *
     * @param chunk the memory; objects start at the first suitably aligned offset
     * @return the number of objects added; 0 if not one fits; {@link Errno#ENOSPC} if the pool is already full
     */
    public int populate(MemorySegment chunk) {
        return populateIova(chunk, BAD_IOVA);
    }

    /**
     * Adds objects cut from caller-supplied memory with a known IOVA ({@code rte_mempool_populate_iova}). A chunk
     * with a valid IOVA clears {@link #NON_IO} unless the pool has {@link #NO_IOVA_CONTIG}.
     *
     * @param chunk the memory
     * @param iova the IOVA of the chunk's first byte, or {@link #BAD_IOVA}
     * @return the number of objects added; 0 if not one fits; {@link Errno#ENOSPC} if the pool is already full;
     *         {@link Errno#EEXIST} if the driver could not allocate its backend because its name is taken (a ring
     *         named {@code "MP_" + name} exists)
     */
    public int populateIova(MemorySegment chunk, long iova) {
        checkOpen();
        Check.segmentRange("chunk", chunk, 0, 0, true);
        if (populated == size) {
            return Errno.ENOSPC;
        }
        if ((flags & POOL_CREATED) == 0) {
            try {
                backend = OpsRegistry.OPS.get(opsIndex).alloc(this);
            } catch (NameInUseException e) {
                // The driver's memory name is taken (the ring "MP_<name>"): DPDK's alloc fails the same way.
                return Errno.EEXIST;
            }
            flags |= POOL_CREATED;
        }
        ObjectLayout l = layout;
        long objSize = l.totalSize();
        long start = ObjectLayout.roundUp(chunk.address(), l.alignment()) - chunk.address();
        if (start + objSize > chunk.byteSize()) {
            return 0;
        }
        int count = (int) Math.min((chunk.byteSize() - start) / objSize, size - populated);
        Chunk c = new Chunk(chunk, start, populated, count, iova);
        chunks.add(c);
        if (chunk0 == null) {
            chunk0 = c;
        }
        if (iova != BAD_IOVA && (flags & NO_IOVA_CONTIG) == 0) {
            flags &= ~NON_IO;
        }
        long[] one = new long[1];
        for (int i = 0; i < count; i++) {
            int index = populated;
            long hdr = start + i * objSize + l.headerSize() - ObjectLayout.OBJHDR_SIZE;
            long handle = tagBase | index;
            Mem.setLongPlain(chunk, hdr + ObjectLayout.HDR_HANDLE, handle);
            Mem.setLongPlain(chunk, hdr + ObjectLayout.HDR_IOVA,
                    iova == BAD_IOVA ? BAD_IOVA : iova + hdr + ObjectLayout.OBJHDR_SIZE);
            Mem.setLongPlain(chunk, hdr + ObjectLayout.HDR_RESERVED, 0);
            Mem.setLongPlain(chunk, hdr + ObjectLayout.HDR_COOKIE,
                    (state & DEBUG) != 0 ? COOKIE_FREE : COOKIE_UNKNOWN);
            Mem.setLongPlain(chunk, hdr + ObjectLayout.OBJHDR_SIZE + l.eltSize(), COOKIE_TRAILER);
            populated = index + 1;
            // Each object on its own, so that the first populated is the first dequeued.
            one[0] = handle;
            backendEnqueue(one, 0, 1);
        }
        if (populated == size) {
            fire(MempoolEvent.READY);
        }
        return count;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Handles

    /** Throws if the pool was freed; returns the state bits for the caller's switches. */
    private int checkOpen() {
        int s = state;
        if ((s & CLOSED) != 0) {
            throw new IllegalStateException("mempool '" + name + "' was freed");
        }
        return s;
    }

    /** Branch-free range check of a batch: a bit 63 in the result means some handle is foreign. */
    private void checkHandles(long[] objs, int off, int n) {
        if (n == 1) {
            checkHandle(objs[off]);
            return;
        }
        long base = tagBase;
        long last = (long) populated - 1;
        long bad = 0;
        for (int i = 0; i < n; i++) {
            long x = objs[off + i] - base;
            bad |= x | (last - x);
        }
        if (bad < 0) {
            for (int i = 0; i < n; i++) {
                checkHandle(objs[off + i]);
            }
        }
    }

    private void checkHandle(long h) {
        long x = h - tagBase;
        if ((x | ((long) populated - 1 - x)) < 0) {
            throw foreign(h);
        }
    }

    private ForeignHandleException foreign(long h) {
        int t = (int) (h >>> 32);
        String why = h == NULL_HANDLE ? "it is the null handle"
                : t == tag ? "index " + (int) h + " is not below the populated size " + populated
                : "its tag " + t + " is not this pool's tag " + tag
                        + (t > 0 && t <= TAGS.get() ? " (it comes from another or a freed pool)" : "");
        return new ForeignHandleException(name, h, why);
    }

    private int indexOf(long h) {
        checkOpen();
        checkHandle(h);
        return (int) h;
    }

    private Chunk chunkOf(int index) {
        Chunk c = chunk0;
        if (index - c.firstIndex() < c.count()) {
            return c;
        }
        for (Chunk k : chunks) {
            if (index >= k.firstIndex() && index - k.firstIndex() < k.count()) {
                return k;
            }
        }
        throw new AssertionError("index " + index + " is in no chunk");
    }

    /**
     * The segment that holds the object's element: its chunk. Together with {@link #offset(long)} it locates the
     * element without allocating.
     *
     * @param handle a handle of this pool
     * @return the chunk's segment
     * @throws ForeignHandleException if the handle is not this pool's
     */
    public MemorySegment segmentOf(long handle) {
        return chunkOf(indexOf(handle)).segment();
    }

    /**
     * The byte offset of the object's element in {@link #segmentOf(long)}.
     *
     * @param handle a handle of this pool
     * @return the offset
     * @throws ForeignHandleException if the handle is not this pool's
     */
    public long offset(long handle) {
        int index = indexOf(handle);
        return elementOffset(chunkOf(index), index);
    }

    /**
     * The object's element as a slice of {@link #elementSize()} bytes. The slice is a new object unless the JIT
     * removes it; on hot paths use {@link #segmentOf(long)} and {@link #offset(long)}.
     *
     * @param handle a handle of this pool
     * @return the element
     */
    public MemorySegment element(long handle) {
        int index = indexOf(handle);
        Chunk c = chunkOf(index);
        return c.segment().asSlice(elementOffset(c, index), eltSize);
    }

    /**
     * The native address of the object's element: DPDK's object pointer.
     *
     * @param handle a handle of this pool
     * @return the address
     */
    public long address(long handle) {
        int index = indexOf(handle);
        Chunk c = chunkOf(index);
        return c.segment().address() + elementOffset(c, index);
    }

    /**
     * The handle of the element at {@code offset} in {@code segment}: the inverse of {@link #segmentOf(long)} and
     * {@link #offset(long)}.
     *
     * @param segment a chunk of this pool, or a segment that starts at the same address
     * @param offset the element's byte offset
     * @return the handle
     * @throws IllegalArgumentException if no element of this pool starts there
     */
    public long handleOf(MemorySegment segment, long offset) {
        return handleOfAddress(segment.address() + offset);
    }

    /**
     * The handle of the element at a native address ({@code rte_mempool_virt2iova}'s inverse direction).
     *
     * @param address an element's address
     * @return the handle
     * @throws IllegalArgumentException if no element of this pool starts there
     */
    public long handleOfAddress(long address) {
        checkOpen();
        ObjectLayout l = layout;
        for (Chunk c : chunks) {
            long rel = address - c.segment().address() - c.firstObjectOffset() - l.headerSize();
            if (rel >= 0 && rel % l.totalSize() == 0 && rel / l.totalSize() < c.count()) {
                return tagBase | (c.firstIndex() + rel / l.totalSize());
            }
        }
        throw new IllegalArgumentException("address = 0x" + Long.toHexString(address) + ": no element of mempool '"
                + name + "' starts there");
    }

    /**
     * The pool a handle belongs to ({@code rte_mempool_from_obj}): read from the tag, without touching memory.
     *
     * @param handle any long
     * @return the live pool whose handle it is, or empty
     */
    public static Optional<Mempool> fromHandle(long handle) {
        int t = (int) (handle >>> 32);
        for (Mempool p : POOLS.values()) {
            if (p.tag == t && (handle & 0xFFFF_FFFFL) < p.populated) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The IOVA of the object's element ({@code rte_mempool_virt2iova}), or {@link #BAD_IOVA}.
     *
     * @param handle a handle of this pool
     * @return the IOVA
     */
    public long iova(long handle) {
        int index = indexOf(handle);
        Chunk c = chunkOf(index);
        return c.iova() == BAD_IOVA ? BAD_IOVA : c.iova() + elementOffset(c, index);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Get and put through the caller's default cache

    /** The calling thread's default cache in this pool, created on first use; null without an lcore id or cache. */
    private MempoolCache lcoreCache() {
        MempoolCache[] caches = defaultCaches;
        if (caches == null) {
            return null;
        }
        int id = Lcore.id();
        if (id < 0) {
            return null;
        }
        MempoolCache c = caches[id];
        return c != null ? c : newDefaultCache(caches, id);
    }

    private MempoolCache newDefaultCache(MempoolCache[] caches, int id) {
        MempoolCache c = MempoolCache.defaultCache(cacheSize, this);
        caches[id] = c;
        return c;
    }

    /**
     * The calling thread's default cache ({@code rte_mempool_default_cache}).
     *
     * @return the cache, or null if the pool has no cache size or the thread holds no lcore id
     */
    public MempoolCache defaultCache() {
        checkOpen();
        return lcoreCache();
    }

    /**
     * Takes one object ({@code rte_mempool_get}).
     *
     * @return its handle, or {@link #NULL_HANDLE} if the pool cannot supply one
     */
    public long get() {
        int s = checkOpen();
        MempoolCache c = lcoreCache();
        if (c != null && s == 0) {
            int len = c.len;
            if (len > 0) { // GetHit, the common case, without a round trip through an array
                c.len = len - 1;
                return c.objs[len - 1];
            }
        }
        long[] one;
        int at;
        if (c != null) {
            // The cache's last slot is never used by either algorithm for a request of one: a safe place for it.
            one = c.objs;
            at = one.length - 1;
        } else {
            one = SCRATCH.get();
            at = 0;
        }
        return doGet(one, at, 1, c, s) ? one[at] : NULL_HANDLE;
    }

    /**
     * Takes {@code n} objects into {@code objs[off, off + n)}, all or none ({@code rte_mempool_get_bulk}).
     *
     * @param objs where to store the handles
     * @param off first index
     * @param n number of objects, {@code >= 0}
     * @return true if all were taken; false if the pool could not supply them: then the pool and its caches are as
     *         they were, and {@code objs} may hold garbage
     */
    public boolean getBulk(long[] objs, int off, int n) {
        int s = checkOpen();
        Check.arrayRange("objs", objs, off, n);
        return doGet(objs, off, n, lcoreCache(), s);
    }

    /**
     * Returns one object ({@code rte_mempool_put}).
     *
     * @param handle a handle this pool handed out
     * @throws ForeignHandleException if the handle is not this pool's; nothing changes
     * @throws DoubleFreeException with debug checks on, if the object is already free
     * @throws BufferOverrunException with debug checks on, if the object's trailer was overwritten
     */
    public void put(long handle) {
        int s = checkOpen();
        checkHandle(handle);
        MempoolCache c = lcoreCache();
        if (c != null && s == 0) {
            int len = c.len;
            if (len < c.size) { // PutAppend, the common case
                c.objs[len] = handle;
                c.len = len + 1;
                return;
            }
        }
        long[] one;
        int at;
        if (c != null) {
            one = c.objs;
            at = one.length - 1;
        } else {
            one = SCRATCH.get();
            at = 0;
        }
        one[at] = handle;
        doPut(one, at, 1, c, s);
    }

    /**
     * Returns {@code objs[off, off + n)} ({@code rte_mempool_put_bulk}).
     *
     * @param objs handles this pool handed out
     * @param off first index
     * @param n number of objects, {@code >= 0}
     * @throws ForeignHandleException if any handle is not this pool's; then none is returned
     * @throws DoubleFreeException with debug checks on, if an object is already free; then none is returned
     * @throws BufferOverrunException with debug checks on, if an object's trailer was overwritten; then none is
     *         returned
     */
    public void putBulk(long[] objs, int off, int n) {
        int s = checkOpen();
        Check.arrayRange("objs", objs, off, n);
        checkHandles(objs, off, n);
        doPut(objs, off, n, lcoreCache(), s);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Get and put with an explicit cache

    private void checkCache(MempoolCache cache) {
        if (cache != null) {
            if (cache.freed) {
                throw new IllegalStateException("the cache was freed");
            }
            Mempool holder = cache.pool;
            if (holder != null && holder != this && cache.len > 0) {
                throw new IllegalArgumentException("cache holds " + cache.len + " objects of mempool '"
                        + holder.name + "'; flush it before using it with mempool '" + name + "'");
            }
            if (cache.defaultOf != null && cache.defaultOf != this) {
                throw new IllegalArgumentException("cache is the default cache of mempool '" + cache.defaultOf.name
                        + "', not of '" + name + "'");
            }
        }
    }

    /**
     * Takes {@code n} objects through an explicit cache, all or none ({@code rte_mempool_generic_get}).
     *
     * @param objs where to store the handles
     * @param off first index
     * @param n number of objects, {@code >= 0}
     * @param cache a user-owned cache, this pool's default cache, or null for none
     * @return true if all were taken; false if the pool could not supply them: then the pool and the cache are as
     *         they were, and {@code objs} may hold garbage
     */
    public boolean genericGet(long[] objs, int off, int n, MempoolCache cache) {
        int s = checkOpen();
        Check.arrayRange("objs", objs, off, n);
        checkCache(cache);
        return doGet(objs, off, n, cache, s);
    }

    /**
     * Returns {@code n} objects through an explicit cache ({@code rte_mempool_generic_put}).
     *
     * @param objs handles this pool handed out
     * @param off first index
     * @param n number of objects, {@code >= 0}
     * @param cache a user-owned cache, this pool's default cache, or null for none
     * @throws ForeignHandleException if any handle is not this pool's; then none is returned
     * @throws DoubleFreeException with debug checks on, if an object is already free; then none is returned
     * @throws BufferOverrunException with debug checks on, if an object's trailer was overwritten
     */
    public void genericPut(long[] objs, int off, int n, MempoolCache cache) {
        int s = checkOpen();
        Check.arrayRange("objs", objs, off, n);
        checkCache(cache);
        checkHandles(objs, off, n);
        doPut(objs, off, n, cache, s);
    }

    /**
     * Returns every object in the cache to this pool's backend ({@code rte_mempool_cache_flush}).
     *
     * @param cache a cache holding this pool's objects, or null for the calling thread's default cache (a no-op on a
     *        thread without an lcore id)
     */
    public void cacheFlush(MempoolCache cache) {
        checkOpen();
        MempoolCache c = cache != null ? cache : lcoreCache();
        if (c == null) {
            return;
        }
        checkCache(c);
        int len = c.len;
        if (len > 0) {
            backendEnqueue(c.objs, 0, len);
            c.len = 0;
            if (c.defaultOf == null) {
                c.pool = null;
            }
        }
    }

    /** Flushes lcore {@code id}'s default cache in every live pool; called when the id is given back. */
    static void flushLcoreCaches(int id) {
        for (Mempool p : POOLS.values()) {
            MempoolCache[] caches = p.defaultCaches;
            if (caches != null && (p.state & CLOSED) == 0) {
                MempoolCache c = caches[id];
                if (c != null && c.len > 0) {
                    p.backendEnqueue(c.objs, 0, c.len);
                    c.len = 0;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The cache algorithms. Step names are the TLA+ actions of spec/MempoolCache.tla.

    private void backendEnqueue(long[] objs, int off, int n) {
        if (!backend.enqueue(objs, off, n)) {
            // A put of objects that came out of the pool cannot overflow it: a refusal means corruption (a double
            // put, or a driver that loses capacity). Better to stop here than to lose objects silently.
            throw new MempoolCorruptionException("the backend of mempool '" + name + "' refused " + n
                    + " objects: the pool would hold more objects than it has; was an object put twice?");
        }
        if ((state & STATS) != 0) {
            stat(MempoolStats.PUT_COMMON_POOL_BULK, 1);
            stat(MempoolStats.PUT_COMMON_POOL_OBJS, n);
        }
    }

    private boolean backendDequeue(long[] objs, int off, int n) {
        boolean ok = backend.dequeue(objs, off, n);
        if (ok && (state & STATS) != 0) {
            stat(MempoolStats.GET_COMMON_POOL_BULK, 1);
            stat(MempoolStats.GET_COMMON_POOL_OBJS, n);
        }
        return ok;
    }

    private void doPut(long[] objs, int off, int n, MempoolCache c, int s) {
        if ((s & DEBUG) != 0) {
            markFree(objs, off, n);
        }
        if ((s & STATS) != 0) {
            countCall(c, MempoolStats.PUT_BULK, MempoolStats.PUT_OBJS, n);
        }
        if (c != null) {
            if (c.pool != this) {
                c.pool = this; // a user cache now holds this pool's objects
            }
            if (policy == CachePolicy.V26_07) {
                if (putV2607(objs, off, n, c)) {
                    return;
                }
            } else if (putLts(objs, off, n, c)) {
                return;
            }
        }
        backendEnqueue(objs, off, n); // PutDirect
    }

    /** v26.07 put; returns false when the objects must go to the backend directly. */
    private boolean putV2607(long[] objs, int off, int n, MempoolCache c) {
        int len = c.len;
        if (len + n <= c.size) { // PutAppend
            copy(objs, off, c.objs, len, n);
            c.len = len + n;
            return true;
        }
        int half = c.size >>> 1;
        if (n <= half) { // PutFlushHalf: the oldest half goes, the rest slides down, the new objects go on top
            backendEnqueue(c.objs, 0, half);
            len -= half;
            System.arraycopy(c.objs, half, c.objs, 0, len);
            System.arraycopy(objs, off, c.objs, len, n);
            c.len = len + n;
            return true;
        }
        return false; // PutDirect: larger than half the cache and it does not fit
    }

    /** LTS v25.11 put; returns false when the objects must go to the backend directly. */
    private boolean putLts(long[] objs, int off, int n, MempoolCache c) {
        int threshold = c.size * 3 / 2;
        if (n > threshold) {
            return false; // PutDirect
        }
        int len = c.len;
        if (len + n <= threshold) { // PutAppend
            copy(objs, off, c.objs, len, n);
            c.len = len + n;
            return true;
        }
        backendEnqueue(c.objs, 0, len); // PutFlushAll: every cached object, then cache the new ones
        System.arraycopy(objs, off, c.objs, 0, n);
        c.len = n;
        return true;
    }

    /** Below a handful of elements a loop beats the call into the copy stub. */
    private static void copy(long[] src, int srcOff, long[] dst, int dstOff, int n) {
        if (n == 1) {
            dst[dstOff] = src[srcOff];
        } else if (n <= 4) {
            for (int i = 0; i < n; i++) {
                dst[dstOff + i] = src[srcOff + i];
            }
        } else {
            System.arraycopy(src, srcOff, dst, dstOff, n);
        }
    }

    private boolean doGet(long[] objs, int off, int n, MempoolCache c, int s) {
        boolean ok = c == null ? backendDequeue(objs, off, n) : getCached(objs, off, n, c); // GetDirect or cached
        if ((s & STATS) != 0) {
            if (ok) {
                countCall(c, MempoolStats.GET_SUCCESS_BULK, MempoolStats.GET_SUCCESS_OBJS, n);
            } else {
                stat(MempoolStats.GET_FAIL_BULK, 1);
                stat(MempoolStats.GET_FAIL_OBJS, n);
            }
        }
        if (ok && (s & DEBUG) != 0) {
            markInUse(objs, off, n);
        }
        return ok;
    }

    private boolean getCached(long[] objs, int off, int n, MempoolCache c) {
        if (c.pool != this) {
            c.pool = this; // a refill puts this pool's objects into a user cache
        }
        int len = c.len;
        long[] cached = c.objs;
        if (n <= len) { // GetHit: pop from the top, hottest first
            if (n == 1) { // a loop of one costs more than the element: C2 sets up pre-, main and post-loops
                objs[off] = cached[len - 1];
            } else {
                for (int i = 0; i < n; i++) {
                    objs[off + i] = cached[len - 1 - i];
                }
            }
            c.len = len - n;
            return true;
        }
        // Take every cached object first (they stay in cached[0, len) until the call succeeds), then the rest.
        for (int i = 0; i < len; i++) {
            objs[off + i] = cached[len - 1 - i];
        }
        c.len = 0;
        int remaining = n - len;
        boolean ok = policy == CachePolicy.V26_07 ? getRestV2607(objs, off + len, remaining, c)
                : getRestLts(objs, off + len, remaining, c);
        if (!ok) {
            // GetRollback. The popped objects are still in cached[0, len), unless a failed refill wrote over them
            // (a driver may leave garbage on failure); the caller's array has them too, so restore from there.
            for (int i = 0; i < len; i++) {
                cached[len - 1 - i] = objs[off + i];
            }
            c.len = len;
        }
        return ok;
    }

    private boolean getRestV2607(long[] objs, int off, int remaining, MempoolCache c) {
        int half = c.size >>> 1;
        if (remaining <= half && backendDequeue(c.objs, 0, half)) { // GetRefill: exactly half a cache
            long[] cached = c.objs;
            for (int i = 0; i < remaining; i++) {
                objs[off + i] = cached[half - 1 - i];
            }
            c.len = half - remaining;
            return true;
        }
        return backendDequeue(objs, off, remaining); // GetBypass
    }

    private boolean getRestLts(long[] objs, int off, int remaining, MempoolCache c) {
        int fill = c.size + remaining;
        if (remaining <= CACHE_MAX_SIZE && backendDequeue(c.objs, 0, fill)) { // GetRefillFull
            long[] cached = c.objs;
            for (int i = 0; i < remaining; i++) {
                objs[off + i] = cached[fill - 1 - i];
            }
            c.len = c.size;
            return true;
        }
        return backendDequeue(objs, off, remaining); // GetBypass
    }

    // ------------------------------------------------------------------------------------------------------------
    // Debug checks: header and trailer cookies (DPDK's RTE_LIBRTE_MEMPOOL_DEBUG, switched at run time)

    /**
     * Switches the debug checks on or off. On, every put checks that each object is in use (its header cookie) and
     * intact (its trailer cookie) before it changes anything, and every get marks its objects in use: a double put
     * throws {@link DoubleFreeException} and an overrun {@link BufferOverrunException}, naming the object.
     *
     * <p>Cost: a put and a get each read and write the header of every object and read its trailer, two cache lines
     * per object that the pool otherwise never touches; see the M1 debug benchmark for the figures. Switching on
     * marks every object's state unknown, and an unknown object passes its next check; so a switch during traffic
     * can miss a misuse that straddles it, but never reports one that did not happen.
     *
     * @param on whether to check
     */
    public void setDebug(boolean on) {
        synchronized (POOLS_LOCK) {
            int s = checkOpen();
            if (on && (s & DEBUG) == 0) {
                objIter((p, h, seg, off, idx) -> Mem.setLongPlain(seg, off + cookieFromElement(), COOKIE_UNKNOWN));
            }
            state = on ? (s | DEBUG) : (s & ~DEBUG);
        }
    }

    /**
     * Whether the debug checks are on.
     *
     * @return the switch
     */
    public boolean isDebug() {
        return (state & DEBUG) != 0;
    }

    private static long cookieFromElement() {
        return ObjectLayout.objhdrFromElement() + ObjectLayout.HDR_COOKIE;
    }

    /** Checks every object first, then marks them all free; on a bad object restores those already marked. */
    private void markFree(long[] objs, int off, int n) {
        long trailerFromElement = layout.eltSize();
        for (int i = 0; i < n; i++) {
            long h = objs[off + i];
            int index = (int) h;
            Chunk c = chunkOf(index);
            MemorySegment seg = c.segment();
            long elt = elementOffset(c, index);
            long header = Mem.getLongPlain(seg, elt + cookieFromElement());
            long trailer = Mem.getLongPlain(seg, elt + trailerFromElement);
            RuntimeException bad = null;
            if (header == COOKIE_FREE) {
                bad = new DoubleFreeException(name, h);
            } else if (header != COOKIE_IN_USE && header != COOKIE_UNKNOWN) {
                bad = new MempoolCorruptionException(ObjectMisuseException.describe(name, h)
                        + " has a damaged header cookie 0x" + Long.toHexString(header)
                        + ": something wrote before the start of its element");
            } else if (trailer != COOKIE_TRAILER) {
                bad = new BufferOverrunException(name, h, trailer);
            }
            if (bad != null) {
                for (int j = 0; j < i; j++) { // nothing changes: the ones already marked are in use again
                    long hj = objs[off + j];
                    Chunk cj = chunkOf((int) hj);
                    Mem.setLongPlain(cj.segment(), elementOffset(cj, (int) hj) + cookieFromElement(), COOKIE_IN_USE);
                }
                throw bad;
            }
            Mem.setLongPlain(seg, elt + cookieFromElement(), COOKIE_FREE);
        }
    }

    /** Marks objects just got as in use; an object that was in use already means an earlier misuse got through. */
    private void markInUse(long[] objs, int off, int n) {
        for (int i = 0; i < n; i++) {
            long h = objs[off + i];
            int index = (int) h;
            Chunk c = chunkOf(index);
            MemorySegment seg = c.segment();
            long elt = elementOffset(c, index);
            long header = Mem.getLongPlain(seg, elt + cookieFromElement());
            if (header == COOKIE_IN_USE) {
                throw new MempoolCorruptionException(ObjectMisuseException.describe(name, h)
                        + " was handed out while marked in use: it is in the pool twice (an earlier double put "
                        + "while the debug checks were off?); the objects of this get are withdrawn");
            }
            long trailer = Mem.getLongPlain(seg, elt + layout.eltSize());
            if (trailer != COOKIE_TRAILER) {
                throw new BufferOverrunException(name, h, trailer);
            }
            Mem.setLongPlain(seg, elt + cookieFromElement(), COOKIE_IN_USE);
        }
    }

    private long elementOffset(Chunk c, int index) {
        return c.firstObjectOffset() + (long) (index - c.firstIndex()) * layout.totalSize() + layout.headerSize();
    }

    /**
     * Checks the pool's consistency ({@code rte_mempool_audit}): every default cache's length lies within its array,
     * and, with the debug checks on, every object's header cookie is a valid state and its trailer intact, and the
     * pool has as many objects as it populated. Legal transient states pass, among them a cache above its size under
     * the LTS policy and a cache that another thread is changing (DPDK daeb7c7f41).
     *
     * @throws MempoolCorruptionException if a cache length or a header cookie is impossible
     * @throws BufferOverrunException if an object's trailer was overwritten
     */
    public void audit() {
        int s = checkOpen();
        MempoolCache[] caches = defaultCaches;
        if (caches != null) {
            for (int id = 0; id < caches.length; id++) {
                MempoolCache c = caches[id];
                if (c != null) {
                    int len = c.len;
                    if (len < 0 || len > c.objs.length) {
                        throw new MempoolCorruptionException("mempool '" + name + "': the default cache of lcore "
                                + id + " has length " + len + ", outside [0, " + c.objs.length + "]");
                    }
                }
            }
        }
        if ((s & DEBUG) != 0) {
            int visited = objIter((p, h, seg, off, idx) -> {
                long header = Mem.getLongPlain(seg, off + cookieFromElement());
                if (header != COOKIE_FREE && header != COOKIE_IN_USE && header != COOKIE_UNKNOWN) {
                    throw new MempoolCorruptionException(ObjectMisuseException.describe(name, h)
                            + " has a damaged header cookie 0x" + Long.toHexString(header));
                }
                long trailer = Mem.getLongPlain(seg, off + layout.eltSize());
                if (trailer != COOKIE_TRAILER) {
                    throw new BufferOverrunException(name, h, trailer);
                }
            });
            if (visited != populated) {
                throw new MempoolCorruptionException("mempool '" + name + "': " + visited + " objects found, "
                        + populated + " populated");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Statistics (DPDK's RTE_LIBRTE_MEMPOOL_STATS, switched at run time)

    /**
     * Switches statistics on or off. Counters are kept per lcore, in a 128-byte slot of their own, and summed when
     * read; threads without an lcore id share one slot with atomic adds.
     *
     * <p>Cost: with a cache, two plain adds per call on a line the calling thread owns, and an lcore-id lookup per
     * backend transfer; without an id, atomic adds on a shared line. See the M1 stats benchmark for the figures.
     *
     * @param on whether to count
     */
    public void setStats(boolean on) {
        synchronized (POOLS_LOCK) {
            int s = checkOpen();
            state = on ? (s | STATS) : (s & ~STATS);
        }
    }

    /**
     * Whether statistics are on.
     *
     * @return the switch
     */
    public boolean isStats() {
        return (state & STATS) != 0;
    }

    /**
     * The counters, summed over every lcore ({@code rte_mempool_dump}'s stats). User-owned caches keep their own
     * put and get-success counts ({@link MempoolCache#stats()}), as in DPDK.
     *
     * @return a snapshot
     */
    public MempoolStats stats() {
        checkOpen();
        return MempoolStats.sum(lcoreStats);
    }

    /**
     * Zeroes the counters ({@code rte_mempool_stats_reset}). Counts made at the same moment on other threads may
     * survive.
     */
    public void statsReset() {
        checkOpen();
        for (int i = 0; i < lcoreStats.length; i++) {
            LONG_ELEMENT.setOpaque(lcoreStats, i, 0L);
        }
    }

    /** Adds to the calling thread's slot. */
    private void stat(int field, long delta) {
        int id = Lcore.id();
        if (id >= 0) {
            lcoreStats[id * MempoolStats.SLOT_LONGS + field] += delta; // only this thread writes its slot
        } else {
            LONG_ELEMENT.getAndAdd(lcoreStats, Lcore.MAX * MempoolStats.SLOT_LONGS + field, delta);
        }
    }

    /** Counts a put or a successful get: in a user-owned cache if one is used, as DPDK does, else per lcore. */
    private void countCall(MempoolCache c, int bulkField, int objsField, int n) {
        if (c != null && c.defaultOf == null) {
            c.stats[bulkField] += 1;
            c.stats[objsField] += n;
        } else {
            stat(bulkField, 1);
            stat(objsField, n);
        }
    }

    /**
     * A snapshot with the fields of DPDK's {@code /mempool/info} telemetry.
     *
     * @return the snapshot
     */
    public MempoolInfo info() {
        int s = checkOpen();
        int cached = 0;
        if (defaultCaches != null) {
            for (MempoolCache c : defaultCaches) {
                if (c != null) {
                    cached += c.len;
                }
            }
        }
        long bytes = 0;
        for (Chunk c : List.copyOf(chunks)) {
            bytes += (long) c.count() * layout.totalSize();
        }
        return new MempoolInfo(name, tag, flags, size, cacheSize, policy, eltSize, layout.headerSize(),
                layout.trailerSize(), privateDataSize, opsIndex, opsName(), populated, cached, commonPoolCount(),
                chunks.size(), bytes, (s & DEBUG) != 0, (s & STATS) != 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Counts

    /**
     * Objects available: the backend's count plus every default cache's length ({@code rte_mempool_avail_count}).
     * User-owned caches are not counted. Clamped to the size, because the lengths are read while they change.
     *
     * @return a snapshot in [0, size]
     */
    public int availCount() {
        checkOpen();
        long count = backend == null ? 0 : backend.count();
        MempoolCache[] caches = defaultCaches;
        if (caches != null) {
            for (MempoolCache c : caches) {
                if (c != null) {
                    count += c.len;
                }
            }
        }
        return (int) Math.min(count, size);
    }

    /**
     * Objects handed out: {@code size - availCount()} ({@code rte_mempool_in_use_count}).
     *
     * @return a snapshot
     */
    public int inUseCount() {
        return size - availCount();
    }

    /**
     * Whether every object is available ({@code rte_mempool_full}).
     *
     * @return a snapshot
     */
    public boolean isFull() {
        return availCount() == size;
    }

    /**
     * Whether no object is available ({@code rte_mempool_empty}).
     *
     * @return a snapshot
     */
    public boolean isEmpty() {
        return availCount() == 0;
    }

    /**
     * The objects in the backend alone, without the caches ({@code common_pool_count}).
     *
     * @return a snapshot
     */
    public int commonPoolCount() {
        checkOpen();
        return backend == null ? 0 : Math.min(backend.count(), size);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Properties

    /**
     * The pool's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The number of objects the pool holds when full.
     *
     * @return n
     */
    public int size() {
        return size;
    }

    /**
     * The number of objects populated so far.
     *
     * @return populated_size
     */
    public int populatedSize() {
        return populated;
    }

    /**
     * The per-lcore cache size.
     *
     * @return cache_size
     */
    public int cacheSize() {
        return cacheSize;
    }

    /**
     * The cache algorithm.
     *
     * @return the policy
     */
    public CachePolicy cachePolicy() {
        return policy;
    }

    /**
     * The element size requested at creation.
     *
     * @return bytes
     */
    public int elementSize() {
        return eltSize;
    }

    /**
     * Bytes before each element (objhdr and padding).
     *
     * @return header_size
     */
    public long headerSize() {
        return layout.headerSize();
    }

    /**
     * Bytes after each element (trailer cookie and padding).
     *
     * @return trailer_size
     */
    public long trailerSize() {
        return layout.trailerSize();
    }

    /**
     * Bytes per object, header, element and trailer.
     *
     * @return the object size
     */
    public long objectSize() {
        return layout.totalSize();
    }

    /**
     * The alignment of objects ({@code rte_mempool_get_obj_alignment}): 64, or 8 with {@link #NO_CACHE_ALIGN}.
     *
     * @return bytes
     */
    public long objectAlignment() {
        return layout.alignment();
    }

    /**
     * The flags, with the internal {@link #POOL_CREATED} and {@link #NON_IO} bits.
     *
     * @return the flags
     */
    public int flags() {
        return flags;
    }

    /**
     * The private data area ({@code rte_mempool_get_priv}), 64-byte aligned.
     *
     * @return a segment of {@code privateDataSize} bytes
     */
    public MemorySegment privateData() {
        checkOpen();
        return privateData;
    }

    /**
     * The size of the private data area.
     *
     * @return bytes
     */
    public int privateDataSize() {
        return privateDataSize;
    }

    /**
     * The address range that covers all the pool's objects ({@code rte_mempool_get_mem_range}).
     *
     * @param address the lowest address of any chunk
     * @param length bytes from {@code address} to the end of the highest chunk
     * @param contiguous whether the chunks leave no gap between them
     */
    public record MemRange(long address, long length, boolean contiguous) {
    }

    /**
     * The address range of the pool's memory ({@code rte_mempool_get_mem_range}).
     *
     * @return the range
     * @throws IllegalStateException if the pool has no memory yet (DPDK's -EINVAL)
     */
    public MemRange memRange() {
        checkOpen();
        if (chunks.isEmpty()) {
            throw new IllegalStateException("mempool '" + name + "' has no memory yet: populate it first");
        }
        List<Chunk> sorted = new ArrayList<>(chunks);
        sorted.sort(Comparator.comparingLong(c -> c.segment().address()));
        long start = sorted.get(0).segment().address();
        long end = start;
        boolean contiguous = true;
        for (Chunk c : sorted) {
            long a = c.segment().address();
            if (a > end && end != start) {
                contiguous = false;
            }
            end = Math.max(end, a + c.segment().byteSize());
        }
        return new MemRange(start, end - start, contiguous);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Iteration

    /**
     * Calls {@code visitor} on every populated object in index order ({@code rte_mempool_obj_iter}), whether it is
     * free or in use.
     *
     * @param visitor the callback
     * @return the number of objects visited
     */
    public int objIter(ObjectVisitor visitor) {
        checkOpen();
        ObjectLayout l = layout;
        int visited = 0;
        for (Chunk c : List.copyOf(chunks)) {
            for (int i = 0; i < c.count(); i++) {
                long off = c.firstObjectOffset() + i * l.totalSize() + l.headerSize();
                visitor.visit(this, tagBase | (c.firstIndex() + i), c.segment(), off, c.firstIndex() + i);
                visited++;
            }
        }
        return visited;
    }

    /**
     * Calls {@code visitor} on every memory chunk ({@code rte_mempool_mem_iter}).
     *
     * @param visitor the callback
     * @return the number of chunks
     */
    public int memIter(ChunkVisitor visitor) {
        checkOpen();
        List<Chunk> snapshot = List.copyOf(chunks);
        for (int i = 0; i < snapshot.size(); i++) {
            visitor.visit(this, snapshot.get(i).segment(), i);
        }
        return snapshot.size();
    }

    /**
     * Visits one object.
     */
    @FunctionalInterface
    public interface ObjectVisitor {
        /**
         * Called once per object.
         *
         * @param pool the pool
         * @param handle the object's handle
         * @param segment the segment holding the element
         * @param offset the element's offset in {@code segment}
         * @param index the object's index, 0 to n - 1
         */
        void visit(Mempool pool, long handle, MemorySegment segment, long offset, int index);
    }

    /**
     * Visits one memory chunk.
     */
    @FunctionalInterface
    public interface ChunkVisitor {
        /**
         * Called once per chunk.
         *
         * @param pool the pool
         * @param chunk the chunk's memory
         * @param index the chunk's index
         */
        void visit(Mempool pool, MemorySegment chunk, int index);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Events

    /**
     * Adds a process-wide listener ({@code rte_mempool_event_callback_register}). Listeners added while an event is
     * being delivered miss that event; a listener may remove itself while it runs.
     *
     * @param listener the listener
     * @return 0, or {@link Errno#EEXIST} if it is already registered
     */
    public static int addEventListener(MempoolEventListener listener) {
        Objects.requireNonNull(listener, "listener");
        return LISTENERS.addIfAbsent(listener) ? 0 : Errno.EEXIST;
    }

    /**
     * Removes a listener ({@code rte_mempool_event_callback_unregister}).
     *
     * @param listener the listener
     * @return 0, or -2 ({@code -ENOENT}) if it was not registered
     */
    public static int removeEventListener(MempoolEventListener listener) {
        return LISTENERS.remove(listener) ? 0 : -2;
    }

    private void fire(MempoolEvent event) {
        for (MempoolEventListener l : LISTENERS) {
            l.onEvent(event, this);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Free

    /**
     * Frees the pool ({@code rte_mempool_free}): unlinks its name, tells the listeners ({@link MempoolEvent#DESTROY}),
     * frees the backend and the memory. Objects still in use or in caches are gone with it; later calls on the pool,
     * and handles into its memory, throw. A second close does nothing.
     */
    @Override
    public void close() {
        synchronized (POOLS_LOCK) {
            if ((state & CLOSED) != 0) {
                return;
            }
            state |= CLOSED;
            POOLS.remove(name, this);
        }
        fire(MempoolEvent.DESTROY);
        if (backend != null) {
            backend.close();
        }
        if (defaultCaches != null) {
            Arrays.fill(defaultCaches, null);
        }
        arena.close();
    }

    /**
     * Same as {@link #close()}, under DPDK's name.
     */
    public void free() {
        close();
    }

    /**
     * Whether the pool was freed.
     *
     * @return true after {@link #close()}
     */
    public boolean isClosed() {
        return (state & CLOSED) != 0;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Dump

    /**
     * Prints the pool's identity, sizes, driver and counts ({@code rte_mempool_dump}).
     *
     * @param out where to print
     */
    public void dump(PrintStream out) {
        out.print(dump());
    }

    /**
     * The text {@link #dump(PrintStream)} prints.
     *
     * @return a multi-line description
     */
    public String dump() {
        checkOpen();
        StringBuilder b = new StringBuilder();
        b.append("mempool <").append(name).append(">@tag").append(tag).append('\n');
        b.append("  flags=0x").append(Integer.toHexString(flags)).append('\n');
        b.append("  ops_index=").append(opsIndex).append('\n');
        b.append("  ops_name: <").append(opsName()).append(">\n");
        b.append("  nb_mem_chunks=").append(chunks.size()).append('\n');
        b.append("  size=").append(size).append('\n');
        b.append("  populated_size=").append(populated).append('\n');
        b.append("  header_size=").append(headerSize()).append('\n');
        b.append("  elt_size=").append(eltSize).append('\n');
        b.append("  trailer_size=").append(trailerSize()).append('\n');
        b.append("  total_obj_size=").append(objectSize()).append('\n');
        b.append("  private_data_size=").append(privateDataSize).append('\n');
        b.append("  cache_policy=").append(policy).append('\n');
        b.append("  cache_size=").append(cacheSize).append('\n');
        int total = 0;
        if (defaultCaches != null) {
            for (int i = 0; i < defaultCaches.length; i++) {
                MempoolCache c = defaultCaches[i];
                if (c != null && c.len > 0) {
                    b.append("    cache_count[").append(i).append("]=").append(c.len).append('\n');
                    total += c.len;
                }
            }
        }
        b.append("    total_cache_count=").append(total).append('\n');
        b.append("  common_pool_count=").append(commonPoolCount()).append('\n');
        b.append("  debug=").append(isDebug()).append('\n');
        if (isStats()) {
            MempoolStats st = stats();
            b.append("  stats:\n");
            b.append("    put_bulk=").append(st.putBulk()).append('\n');
            b.append("    put_objs=").append(st.putObjs()).append('\n');
            b.append("    put_common_pool_bulk=").append(st.putCommonPoolBulk()).append('\n');
            b.append("    put_common_pool_objs=").append(st.putCommonPoolObjs()).append('\n');
            b.append("    get_common_pool_bulk=").append(st.getCommonPoolBulk()).append('\n');
            b.append("    get_common_pool_objs=").append(st.getCommonPoolObjs()).append('\n');
            b.append("    get_success_bulk=").append(st.getSuccessBulk()).append('\n');
            b.append("    get_success_objs=").append(st.getSuccessObjs()).append('\n');
            b.append("    get_fail_bulk=").append(st.getFailBulk()).append('\n');
            b.append("    get_fail_objs=").append(st.getFailObjs()).append('\n');
            if (st.getSuccessObjs() > 0) {
                // Objects that the backend had to supply, per object got: DPDK's "cache miss rate".
                b.append("    cache_miss_rate=").append(String.format(java.util.Locale.ROOT, "%.4f",
                        (double) st.getCommonPoolObjs() / st.getSuccessObjs())).append('\n');
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "Mempool[" + name + ", size " + size + ", cache " + cacheSize + ", " + opsName() + "]";
    }
}
