package io.jmempool.ring;

import io.jmempool.NameInUseException;
import io.jmempool.internal.Mem;
import io.jmempool.internal.TestHooks;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-size, lock-free ring of elements in off-heap memory: DPDK's {@code rte_ring} (v26.07) in Java.
 *
 * <h2>Sync modes</h2>
 * Each side is chosen at creation, as in DPDK: the producer side is multi-producer (MP) unless {@link #SP_ENQ} is
 * given, the consumer side multi-consumer (MC) unless {@link #SC_DEQ} is given. {@code enqueue*} and {@code dequeue*}
 * use the mode chosen at creation. {@code sp*}/{@code mp*} and {@code sc*}/{@code mc*} force a mode whatever the ring
 * was created with; a single-producer call is correct only while no other thread enqueues at the same time, and a
 * single-consumer call only while no other thread dequeues.
 *
 * <h2>Bulk and burst</h2>
 * A <em>bulk</em> call moves all {@code n} elements or none, and returns {@code n} or 0. A <em>burst</em> call moves
 * as many as it can, up to {@code n}, and returns that number. A call with {@code n == 0} returns 0 at once and touches
 * no shared state. The optional {@code freeSpace} / {@code available} out-parameter receives, in element 0, the free
 * slots left after an enqueue or the entries left after a dequeue, as DPDK's out-parameters do, even when nothing
 * moved. Full and empty are return values, never exceptions.
 *
 * <h2>Capacity</h2>
 * Without {@link #EXACT_SZ} the count must be a power of two and the ring holds {@code count - 1} elements (one slot
 * stays free, as in DPDK; a count of 1 gives a ring that can hold nothing). With {@code EXACT_SZ} the ring holds
 * exactly {@code count} elements and uses {@code nextPowerOfTwo(count + 1)} slots.
 *
 * <h2>Strict and relaxed full</h2>
 * Free space is computed from the consumer <em>tail</em>, so an enqueue can report a full ring while a dequeue that
 * has already taken its elements has not yet released its slots. Likewise a dequeue can report an empty ring while an
 * enqueue is still copying. Once the other side's call has returned, the space or the entries are visible.
 *
 * <h2>Memory ordering</h2>
 * An enqueue's slot writes happen-before the reads of any dequeue that takes those elements; a dequeue's slot reads
 * happen-before any enqueue that reuses those slots. Elements are copied by value: a {@code long} handle, or
 * {@code elementSize} bytes.
 *
 * <h2>Errors</h2>
 * Invalid arguments are refused before anything changes, with a message that names the parameter, its value and the
 * limit: {@link NullPointerException} for a null array or segment; {@link IllegalArgumentException} for
 * {@code n < 0} or a read-only destination segment; {@link IndexOutOfBoundsException} for a range outside its array
 * or segment, or an out-parameter array of length 0; {@link IllegalStateException} for a segment whose arena is
 * closed, for a {@code long[]} call on a ring whose elements are not 8 bytes, and for any call that touches the
 * memory of a ring that was closed (FFM's "Already closed").
 *
 * <h2>Progress</h2>
 * An MP enqueue (MC dequeue) waits, after copying, until every enqueue (dequeue) that reserved before it has
 * published. The ring is therefore not lock-free and not preemptible: a thread descheduled between its reservation
 * and its publication stalls every later producer (consumer) of the same side. Give each thread its own core, and do
 * not share an MP/MC ring between threads of different real-time priorities. SP/SC sides never wait.
 *
 * <h2>Lifecycle</h2>
 * Rings have names, unique among live rings; {@link #lookup(String)} finds one and {@link #list()} lists them.
 * {@link #close()} (DPDK's {@code rte_ring_free}) unlinks the name first and then releases the memory; afterwards every
 * call that touches the ring's memory throws {@link IllegalStateException}, and the name can be used again. Closing a ring that another
 * thread is using is a bug in the caller, but it cannot crash the JVM: that thread's call throws.
 *
 * <h2>Specialisation</h2>
 * By default each ring gets a class of its own, defined as a hidden class from the same bytecode with the ring's
 * memory segment and shape as constants, so that the JIT folds FFM's per-access checks. This costs about one class
 * (a few KB of metaspace, freed with the ring) and a few tens of microseconds at creation. A call site that sees many
 * rings loses inlining as any megamorphic call does. {@link Builder#specialized(boolean)} or the system property
 * {@code jmempool.ring.specialize=false} turns it off; the algorithm is the same code either way.
 *
 * <p>Instances are created only by this class's factories.
 */
public abstract class Ring implements AutoCloseable {
    /** Single-producer enqueue by default (DPDK {@code RING_F_SP_ENQ}). */
    public static final int SP_ENQ = 0x1;
    /** Single-consumer dequeue by default (DPDK {@code RING_F_SC_DEQ}). */
    public static final int SC_DEQ = 0x2;
    /** The ring holds exactly {@code count} elements (DPDK {@code RING_F_EXACT_SZ}). */
    public static final int EXACT_SZ = 0x4;
    /** DPDK's relaxed tail sync producer mode ({@code RING_F_MP_RTS_ENQ}): not implemented, refused at creation. */
    public static final int MP_RTS_ENQ = 0x8;
    /** DPDK's relaxed tail sync consumer mode ({@code RING_F_MC_RTS_DEQ}): not implemented, refused at creation. */
    public static final int MC_RTS_DEQ = 0x10;
    /** DPDK's head/tail sync producer mode ({@code RING_F_MP_HTS_ENQ}): not implemented, refused at creation. */
    public static final int MP_HTS_ENQ = 0x20;
    /** DPDK's head/tail sync consumer mode ({@code RING_F_MC_HTS_DEQ}): not implemented, refused at creation. */
    public static final int MC_HTS_DEQ = 0x40;

    /** Every flag bit DPDK defines. */
    static final int KNOWN_FLAGS = 0x7f;

    /** Longest name: DPDK prefixes {@code "RG_"} and keeps 32 bytes with the terminator. */
    public static final int NAME_MAX = 28;
    /** Largest count without {@link #EXACT_SZ}: the largest power of two below DPDK's {@code RTE_RING_SZ_MASK}. */
    public static final int COUNT_MAX = 1 << 30;
    /** Largest count with {@link #EXACT_SZ}. */
    public static final int EXACT_COUNT_MAX = (1 << 30) - 1;

    private static final ConcurrentHashMap<String, Ring> REGISTRY = new ConcurrentHashMap<>();
    /** Serialises create and free, as DPDK's tailq write lock does; lookups read the map without it. */
    private static final Object REGISTRY_LOCK = new Object();

    static {
        TestHooks.installRingAccess(new TestHooks.RingAccess() {
            @Override
            public void startIndicesAt(Object ring, int start) {
                ((Ring) ring).startIndicesAt(start);
            }

            @Override
            public int[] indices(Object ring) {
                MemorySegment s = ((Ring) ring).shape.seg();
                return new int[] {Mem.getIntOpaque(s, RingLayout.PROD_HEAD), Mem.getIntOpaque(s, RingLayout.PROD_TAIL),
                        Mem.getIntOpaque(s, RingLayout.CONS_HEAD), Mem.getIntOpaque(s, RingLayout.CONS_TAIL)};
            }
        });
    }

    private final String name;
    private final Arena arena;
    final RingShape shape;
    private final boolean specialized;
    /** Guarded by REGISTRY_LOCK. */
    private boolean freed;

    Ring(RingShape shape, String name, Arena arena, boolean specialized) {
        this.shape = shape;
        this.name = name;
        this.arena = arena;
        this.specialized = specialized;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Factories and the name registry

    /**
     * Creates and registers a ring of 8-byte elements ({@code rte_ring_create}).
     *
     * @param name unique name, 1 to {@value #NAME_MAX} characters
     * @param count number of slots (a power of two), or the exact capacity with {@link #EXACT_SZ}
     * @param flags {@link #SP_ENQ}, {@link #SC_DEQ} and {@link #EXACT_SZ}, or 0 for MP/MC
     * @return the ring
     * @throws IllegalArgumentException if an argument is invalid; the message names it, its value and the limit
     * @throws NameInUseException if a live ring has this name
     */
    public static Ring create(String name, int count, int flags) {
        return builder(name).count(count).flags(flags).create();
    }

    /**
     * Creates and registers a ring of {@code esize}-byte elements ({@code rte_ring_create_elem}).
     *
     * @param name unique name, 1 to {@value #NAME_MAX} characters
     * @param esize element size in bytes, a positive multiple of 4
     * @param count number of slots (a power of two), or the exact capacity with {@link #EXACT_SZ}
     * @param flags {@link #SP_ENQ}, {@link #SC_DEQ} and {@link #EXACT_SZ}, or 0 for MP/MC
     * @return the ring
     * @throws IllegalArgumentException if an argument is invalid; the message names it, its value and the limit
     * @throws NameInUseException if a live ring has this name
     */
    public static Ring createElem(String name, int esize, int count, int flags) {
        return builder(name).elementSize(esize).count(count).flags(flags).create();
    }

    /**
     * Starts building a ring.
     *
     * @param name unique name, 1 to {@value #NAME_MAX} characters
     * @return a builder with element size 8, no count yet, flags 0
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Finds a live ring by name ({@code rte_ring_lookup}).
     *
     * @param name the name
     * @return the ring, or empty if no live ring has that name
     */
    public static Optional<Ring> lookup(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(REGISTRY.get(name));
    }

    /**
     * Lists the live rings, in no particular order.
     *
     * @return a snapshot
     */
    public static List<Ring> list() {
        return new ArrayList<>(REGISTRY.values());
    }

    /**
     * Dumps every live ring ({@code rte_ring_list_dump}).
     *
     * @param out where to print
     */
    public static void listDump(PrintStream out) {
        for (Ring r : list()) {
            r.dump(out);
        }
    }

    /**
     * Bytes of memory a ring needs ({@code rte_ring_get_memsize_elem}), in 64 bits.
     *
     * @param esize element size, a positive multiple of 4
     * @param count number of slots, a power of two in [1, {@value #COUNT_MAX}]
     * @return header, slots and guard, in bytes
     */
    public static long memorySize(int esize, int count) {
        checkElementSize(esize);
        checkPowerOfTwoCount(count);
        return RingLayout.memorySize(esize, count);
    }

    /**
     * Creates rings. Every argument is checked in {@link #create()} before anything is allocated or registered.
     */
    public static final class Builder {
        private final String name;
        private int esize = 8;
        private int count = -1;
        private int flags;
        private boolean specialized = Boolean.parseBoolean(System.getProperty("jmempool.ring.specialize", "true"));

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the element size.
         *
         * @param esize element size in bytes, a positive multiple of 4 (default 8)
         * @return this
         */
        public Builder elementSize(int esize) {
            this.esize = esize;
            return this;
        }

        /**
         * Sets the count.
         *
         * @param count number of slots (a power of two), or the exact capacity with {@link #EXACT_SZ}
         * @return this
         */
        public Builder count(int count) {
            this.count = count;
            return this;
        }

        /**
         * Sets the flags.
         *
         * @param flags {@link #SP_ENQ}, {@link #SC_DEQ} and {@link #EXACT_SZ}, or 0 for MP/MC
         * @return this
         */
        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        /**
         * Chooses whether the ring is specialised.
         *
         * @param specialized whether the ring gets a class of its own with its memory as a JIT constant (default
         *        true, or the system property {@code jmempool.ring.specialize})
         * @return this
         */
        public Builder specialized(boolean specialized) {
            this.specialized = specialized;
            return this;
        }

        /**
         * Checks every argument, allocates the ring's memory and registers its name.
         *
         * @return the ring
         * @throws IllegalArgumentException if an argument is invalid; the message names it, its value and the limit
         * @throws NameInUseException if a live ring has this name
         */
        public Ring create() {
            // DPDK's order: size rounding and memsize checks, then the name, then flags (validated here, unlike
            // rte_ring_create_elem, which ignores rte_ring_init's verdict and creates rings with bad flags).
            checkElementSize(esize);
            int size;
            int capacity;
            if ((flags & EXACT_SZ) != 0) {
                if (count < 0 || count > EXACT_COUNT_MAX) {
                    throw new IllegalArgumentException("count = " + count + ": with EXACT_SZ must be in [0, "
                            + EXACT_COUNT_MAX + "]");
                }
                size = count == 0 ? 1 : Integer.highestOneBit(count) << 1; // nextPowerOfTwo(count + 1)
                capacity = count;
            } else {
                checkPowerOfTwoCount(count);
                size = count;
                capacity = count - 1;
            }
            checkName(name);
            checkFlags(flags);
            return register(name, esize, size, capacity, flags, specialized);
        }
    }

    private static void checkElementSize(int esize) {
        if (esize <= 0 || (esize & 3) != 0) {
            throw new IllegalArgumentException("esize = " + esize + ": must be a positive multiple of 4");
        }
    }

    private static void checkPowerOfTwoCount(int count) {
        if (count <= 0 || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("count = " + count + ": must be a power of two in [1, " + COUNT_MAX
                    + "] (or pass EXACT_SZ for any count in [0, " + EXACT_COUNT_MAX + "])");
        }
    }

    static void checkName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("name = null: must have 1 to " + NAME_MAX + " characters");
        }
        if (name.isEmpty() || name.length() > NAME_MAX) {
            throw new IllegalArgumentException("name = '" + name + "' has " + name.length() + " characters: must have 1 to "
                    + NAME_MAX);
        }
    }

    private static void checkFlags(int flags) {
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new IllegalArgumentException("flags = 0x" + Integer.toHexString(flags) + ": unknown bits 0x"
                    + Integer.toHexString(flags & ~KNOWN_FLAGS) + "; the known flags are 0x"
                    + Integer.toHexString(KNOWN_FLAGS));
        }
        int prod = flags & (SP_ENQ | MP_RTS_ENQ | MP_HTS_ENQ);
        int cons = flags & (SC_DEQ | MC_RTS_DEQ | MC_HTS_DEQ);
        if (Integer.bitCount(prod) > 1) {
            throw new IllegalArgumentException("flags = 0x" + Integer.toHexString(flags)
                    + ": conflicting producer modes 0x" + Integer.toHexString(prod) + "; at most one of SP_ENQ, "
                    + "MP_RTS_ENQ, MP_HTS_ENQ");
        }
        if (Integer.bitCount(cons) > 1) {
            throw new IllegalArgumentException("flags = 0x" + Integer.toHexString(flags)
                    + ": conflicting consumer modes 0x" + Integer.toHexString(cons) + "; at most one of SC_DEQ, "
                    + "MC_RTS_DEQ, MC_HTS_DEQ");
        }
        int unsupported = flags & (MP_RTS_ENQ | MC_RTS_DEQ | MP_HTS_ENQ | MC_HTS_DEQ);
        if (unsupported != 0) {
            throw new IllegalArgumentException("flags = 0x" + Integer.toHexString(flags)
                    + ": the RTS and HTS sync modes (0x" + Integer.toHexString(unsupported)
                    + ") are not implemented; the supported flags are SP_ENQ, SC_DEQ and EXACT_SZ");
        }
    }

    private static Ring register(String name, int esize, int size, int capacity, int flags, boolean specialized) {
        synchronized (REGISTRY_LOCK) {
            if (REGISTRY.containsKey(name)) {
                throw new NameInUseException("ring", name);
            }
            Arena arena = Arena.ofShared();
            Ring ring;
            try {
                MemorySegment seg = arena.allocate(RingLayout.memorySize(esize, size), RingLayout.BLOCK);
                Mem.setIntPlain(seg, RingLayout.MAGIC_OFFSET, RingLayout.MAGIC);
                Mem.setIntPlain(seg, RingLayout.SIZE_OFFSET, size);
                Mem.setIntPlain(seg, RingLayout.MASK_OFFSET, size - 1);
                Mem.setIntPlain(seg, RingLayout.CAPACITY_OFFSET, capacity);
                Mem.setIntPlain(seg, RingLayout.ESIZE_OFFSET, esize);
                Mem.setIntPlain(seg, RingLayout.FLAGS_OFFSET, flags);
                RingShape shape = new RingShape(seg, size, size - 1, capacity, esize, flags,
                        (flags & SP_ENQ) != 0, (flags & SC_DEQ) != 0);
                ring = RingClasses.newInstance(shape, name, arena, specialized);
            } catch (RuntimeException | Error e) {
                arena.close();
                throw e;
            }
            // The map write publishes the fully initialised ring to lookups on other threads.
            REGISTRY.put(name, ring);
            return ring;
        }
    }

    /**
     * Frees the ring ({@code rte_ring_free}): unlinks its name, then releases its memory. Later calls on the ring
     * throw {@link IllegalStateException}; a second close does nothing. The caller must make sure no other thread is
     * using the ring; if one is, its call throws rather than touching freed memory.
     */
    @Override
    public final void close() {
        synchronized (REGISTRY_LOCK) {
            if (freed) {
                return;
            }
            freed = true;
            // Unlink before releasing, so that a concurrent lookup can never return freed memory (DPDK ce4bd6e14a).
            REGISTRY.remove(name, this);
            arena.close();
        }
    }

    /**
     * Same as {@link #close()}, under DPDK's name.
     */
    public final void free() {
        close();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Introspection (DPDK reads these racily: each is a snapshot)

    /**
     * Returns the name.
     *
     * @return the name
     */
    public final String name() {
        return name;
    }

    /**
     * Returns the creation flags.
     *
     * @return the creation flags
     */
    public final int flags() {
        return shape.flags();
    }

    /**
     * Returns the number of slots, a power of two ({@code rte_ring_get_size}).
     *
     * @return the number of slots, a power of two ({@code rte_ring_get_size})
     */
    public final int size() {
        return shape.size();
    }

    /**
     * Returns how many elements the ring can hold ({@code rte_ring_get_capacity}).
     *
     * @return how many elements the ring can hold ({@code rte_ring_get_capacity})
     */
    public final int capacity() {
        return shape.capacity();
    }

    /**
     * Returns the element size in bytes.
     *
     * @return the element size in bytes
     */
    public final int elementSize() {
        return shape.esize();
    }

    /**
     * Returns whether the default enqueue is single-producer ({@code rte_ring_is_prod_single}).
     *
     * @return whether the default enqueue is single-producer ({@code rte_ring_is_prod_single})
     */
    public final boolean isProducerSingle() {
        return shape.spEnq();
    }

    /**
     * Returns whether the default dequeue is single-consumer ({@code rte_ring_is_cons_single}).
     *
     * @return whether the default dequeue is single-consumer ({@code rte_ring_is_cons_single})
     */
    public final boolean isConsumerSingle() {
        return shape.scDeq();
    }

    /**
     * Returns whether this ring runs in a class of its own (see "Specialisation" above).
     *
     * @return whether this ring runs in a class of its own (see "Specialisation" above)
     */
    public final boolean isSpecialized() {
        return specialized;
    }

    /**
     * A snapshot of the number of entries ({@code rte_ring_count}): the distance between the tails, clamped to the
     * capacity because the two tails are read at different moments.
     *
     * @return entries in [0, capacity]
     */
    public final int count() {
        MemorySegment s = shape.seg();
        int prodTail = Mem.getIntOpaque(s, RingLayout.PROD_TAIL);
        int consTail = Mem.getIntOpaque(s, RingLayout.CONS_TAIL);
        int count = (prodTail - consTail) & shape.mask();
        return Math.min(count, shape.capacity());
    }

    /**
     * Returns {@code capacity() - count()} ({@code rte_ring_free_count}).
     *
     * @return {@code capacity() - count()} ({@code rte_ring_free_count})
     */
    public final int freeCount() {
        return shape.capacity() - count();
    }

    /**
     * Returns whether {@link #freeCount()} is 0 ({@code rte_ring_full}); a ring of capacity 0 is always full.
     *
     * @return whether {@link #freeCount()} is 0 ({@code rte_ring_full}); a ring of capacity 0 is always full
     */
    public final boolean isFull() {
        return freeCount() == 0;
    }

    /**
     * Returns whether the tails are equal ({@code rte_ring_empty}).
     *
     * @return whether the tails are equal ({@code rte_ring_empty})
     */
    public final boolean isEmpty() {
        MemorySegment s = shape.seg();
        return Mem.getIntOpaque(s, RingLayout.PROD_TAIL) == Mem.getIntOpaque(s, RingLayout.CONS_TAIL);
    }

    /**
     * Empties the ring by setting every head and tail to 0 ({@code rte_ring_reset}). The ring must be idle: no call
     * may be in flight on either side.
     */
    public final void reset() {
        startIndicesAt(0);
    }

    /** Sets all four indices to {@code start}; the ring must be idle. Test hook for the 2^32 wrap. */
    final void startIndicesAt(int start) {
        MemorySegment s = shape.seg();
        Mem.setIntOpaque(s, RingLayout.PROD_HEAD, start);
        Mem.setIntOpaque(s, RingLayout.CONS_HEAD, start);
        Mem.setIntOpaque(s, RingLayout.CONS_TAIL, start);
        Mem.setIntRelease(s, RingLayout.PROD_TAIL, start);
    }

    /**
     * Prints the ring's identity, sizes and indices ({@code rte_ring_dump}).
     *
     * @param out where to print
     */
    public final void dump(PrintStream out) {
        out.print(dump());
    }

    /**
     * The text {@link #dump(PrintStream)} prints.
     *
     * @return a multi-line description
     */
    public final String dump() {
        MemorySegment s = shape.seg();
        return "ring <" + name + ">@" + Long.toHexString(s.address()) + "\n"
                + "  flags=0x" + Integer.toHexString(shape.flags())
                + " (prod=" + (shape.spEnq() ? "SP" : "MP") + ", cons=" + (shape.scDeq() ? "SC" : "MC")
                + (specialized ? ", specialized" : "") + ")\n"
                + "  size=" + shape.size() + "\n"
                + "  capacity=" + shape.capacity() + "\n"
                + "  esize=" + shape.esize() + "\n"
                + "  ct=" + Integer.toUnsignedString(Mem.getIntOpaque(s, RingLayout.CONS_TAIL)) + "\n"
                + "  ch=" + Integer.toUnsignedString(Mem.getIntOpaque(s, RingLayout.CONS_HEAD)) + "\n"
                + "  pt=" + Integer.toUnsignedString(Mem.getIntOpaque(s, RingLayout.PROD_TAIL)) + "\n"
                + "  ph=" + Integer.toUnsignedString(Mem.getIntOpaque(s, RingLayout.PROD_HEAD)) + "\n"
                + "  used=" + count() + "\n"
                + "  avail=" + freeCount() + "\n";
    }

    @Override
    public final String toString() {
        return "Ring[" + name + ", " + (shape.spEnq() ? "SP" : "MP") + "/" + (shape.scDeq() ? "SC" : "MC")
                + ", capacity " + shape.capacity() + ", esize " + shape.esize() + "]";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Single elements, 8 bytes

    /**
     * Enqueues one 8-byte element in the ring's producer mode ({@code rte_ring_enqueue}).
     *
     * @param obj the element
     * @return true, or false if the ring is full ({@code -ENOBUFS})
     * @throws IllegalStateException if the ring's element size is not 8, or the ring is closed
     */
    public abstract boolean enqueue(long obj);

    /**
     * Single-producer {@link #enqueue(long)}.
     *
     * @param obj the element
     * @return true, or false if the ring is full
     */
    public abstract boolean spEnqueue(long obj);

    /**
     * Multi-producer {@link #enqueue(long)}.
     *
     * @param obj the element
     * @return true, or false if the ring is full
     */
    public abstract boolean mpEnqueue(long obj);

    /**
     * Dequeues one 8-byte element in the ring's consumer mode ({@code rte_ring_dequeue}) into {@code obj[index]}.
     *
     * @param obj where to store the element
     * @param index the index in {@code obj}
     * @return true, or false if the ring is empty ({@code -ENOENT}); then {@code obj} is untouched
     * @throws IllegalStateException if the ring's element size is not 8, or the ring is closed
     */
    public abstract boolean dequeue(long[] obj, int index);

    /**
     * Single-consumer {@link #dequeue(long[], int)}.
     *
     * @param obj where to store the element
     * @param index the index in {@code obj}
     * @return true, or false if the ring is empty
     */
    public abstract boolean scDequeue(long[] obj, int index);

    /**
     * Multi-consumer {@link #dequeue(long[], int)}.
     *
     * @param obj where to store the element
     * @param index the index in {@code obj}
     * @return true, or false if the ring is empty
     */
    public abstract boolean mcDequeue(long[] obj, int index);

    // ------------------------------------------------------------------------------------------------------------
    // Bulk and burst, 8 bytes

    /**
     * Enqueues all of {@code objs[off, off + n)} or none, in the ring's producer mode ({@code rte_ring_enqueue_bulk}).
     *
     * @param objs the elements
     * @param off first index in {@code objs}
     * @param n number of elements, {@code >= 0}
     * @return {@code n}, or 0 if there was not room for all
     */
    public abstract int enqueueBulk(long[] objs, int off, int n);

    /**
     * {@link #enqueueBulk(long[], int, int)} reporting the free space left.
     *
     * @param objs the elements
     * @param off first index in {@code objs}
     * @param n number of elements, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return {@code n}, or 0 if there was not room for all
     */
    public abstract int enqueueBulk(long[] objs, int off, int n, int[] freeSpace);

    /**
     * Single-producer {@link #enqueueBulk(long[], int, int, int[])}.
     *
     * @param objs the elements
     * @param off first index in {@code objs}
     * @param n number of elements, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return {@code n}, or 0
     */
    public abstract int spEnqueueBulk(long[] objs, int off, int n, int[] freeSpace);

    /**
     * Multi-producer {@link #enqueueBulk(long[], int, int, int[])}.
     *
     * @param objs the elements
     * @param off first index in {@code objs}
     * @param n number of elements, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return {@code n}, or 0
     */
    public abstract int mpEnqueueBulk(long[] objs, int off, int n, int[] freeSpace);

    /**
     * Enqueues as many of {@code objs[off, off + n)} as fit, in the ring's producer mode
     * ({@code rte_ring_enqueue_burst}).
     *
     * @param objs the elements
     * @param off first index in {@code objs}
     * @param n most elements to enqueue, {@code >= 0}
     * @return the number enqueued, in [0, n]
     */
    public abstract int enqueueBurst(long[] objs, int off, int n);

    /**
     * {@link #enqueueBurst(long[], int, int)} reporting the free space left.
     *
     * @param objs the elements
     * @param off first index in {@code objs}
     * @param n most elements to enqueue, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return the number enqueued, in [0, n]
     */
    public abstract int enqueueBurst(long[] objs, int off, int n, int[] freeSpace);

    /**
     * Single-producer {@link #enqueueBurst(long[], int, int, int[])}.
     *
     * @param objs the elements
     * @param off first index in {@code objs}
     * @param n most elements to enqueue, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return the number enqueued
     */
    public abstract int spEnqueueBurst(long[] objs, int off, int n, int[] freeSpace);

    /**
     * Multi-producer {@link #enqueueBurst(long[], int, int, int[])}.
     *
     * @param objs the elements
     * @param off first index in {@code objs}
     * @param n most elements to enqueue, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return the number enqueued
     */
    public abstract int mpEnqueueBurst(long[] objs, int off, int n, int[] freeSpace);

    /**
     * Dequeues exactly {@code n} elements into {@code objs[off, off + n)} or none, in the ring's consumer mode
     * ({@code rte_ring_dequeue_bulk}).
     *
     * @param objs where to store the elements
     * @param off first index in {@code objs}
     * @param n number of elements, {@code >= 0}
     * @return {@code n}, or 0 if fewer were available; then {@code objs} is untouched
     */
    public abstract int dequeueBulk(long[] objs, int off, int n);

    /**
     * {@link #dequeueBulk(long[], int, int)} reporting the entries left.
     *
     * @param objs where to store the elements
     * @param off first index in {@code objs}
     * @param n number of elements, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return {@code n}, or 0
     */
    public abstract int dequeueBulk(long[] objs, int off, int n, int[] available);

    /**
     * Single-consumer {@link #dequeueBulk(long[], int, int, int[])}.
     *
     * @param objs where to store the elements
     * @param off first index in {@code objs}
     * @param n number of elements, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return {@code n}, or 0
     */
    public abstract int scDequeueBulk(long[] objs, int off, int n, int[] available);

    /**
     * Multi-consumer {@link #dequeueBulk(long[], int, int, int[])}.
     *
     * @param objs where to store the elements
     * @param off first index in {@code objs}
     * @param n number of elements, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return {@code n}, or 0
     */
    public abstract int mcDequeueBulk(long[] objs, int off, int n, int[] available);

    /**
     * Dequeues up to {@code n} elements into {@code objs[off, ...)}, in the ring's consumer mode
     * ({@code rte_ring_dequeue_burst}).
     *
     * @param objs where to store the elements
     * @param off first index in {@code objs}
     * @param n most elements to dequeue, {@code >= 0}
     * @return the number dequeued, in [0, n]
     */
    public abstract int dequeueBurst(long[] objs, int off, int n);

    /**
     * {@link #dequeueBurst(long[], int, int)} reporting the entries left.
     *
     * @param objs where to store the elements
     * @param off first index in {@code objs}
     * @param n most elements to dequeue, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return the number dequeued, in [0, n]
     */
    public abstract int dequeueBurst(long[] objs, int off, int n, int[] available);

    /**
     * Single-consumer {@link #dequeueBurst(long[], int, int, int[])}.
     *
     * @param objs where to store the elements
     * @param off first index in {@code objs}
     * @param n most elements to dequeue, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return the number dequeued
     */
    public abstract int scDequeueBurst(long[] objs, int off, int n, int[] available);

    /**
     * Multi-consumer {@link #dequeueBurst(long[], int, int, int[])}.
     *
     * @param objs where to store the elements
     * @param off first index in {@code objs}
     * @param n most elements to dequeue, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return the number dequeued
     */
    public abstract int mcDequeueBurst(long[] objs, int off, int n, int[] available);

    // ------------------------------------------------------------------------------------------------------------
    // Elements of any size, from and to memory segments (rte_ring_*_elem)

    /**
     * Enqueues the {@code elementSize()} bytes at {@code src[srcOffset]} in the ring's producer mode.
     *
     * @param src the element's memory
     * @param srcOffset byte offset of the element in {@code src}
     * @return true, or false if the ring is full
     */
    public abstract boolean enqueue(MemorySegment src, long srcOffset);

    /**
     * Dequeues one element into the {@code elementSize()} bytes at {@code dst[dstOffset]}, in the ring's consumer
     * mode.
     *
     * @param dst where to store the element
     * @param dstOffset byte offset in {@code dst}
     * @return true, or false if the ring is empty
     */
    public abstract boolean dequeue(MemorySegment dst, long dstOffset);

    /**
     * Enqueues all {@code n} elements stored back to back at {@code src[srcOffset]}, or none, in the ring's producer
     * mode ({@code rte_ring_enqueue_bulk_elem}). A range that wraps the ring's end is copied in two pieces.
     *
     * @param src the elements' memory, {@code n * elementSize()} bytes from {@code srcOffset}
     * @param srcOffset byte offset in {@code src}, any alignment
     * @param n number of elements, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return {@code n}, or 0
     */
    public abstract int enqueueBulk(MemorySegment src, long srcOffset, int n, int[] freeSpace);

    /**
     * Single-producer {@link #enqueueBulk(MemorySegment, long, int, int[])}.
     *
     * @param src the elements' memory
     * @param srcOffset byte offset in {@code src}
     * @param n number of elements, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return {@code n}, or 0
     */
    public abstract int spEnqueueBulk(MemorySegment src, long srcOffset, int n, int[] freeSpace);

    /**
     * Multi-producer {@link #enqueueBulk(MemorySegment, long, int, int[])}.
     *
     * @param src the elements' memory
     * @param srcOffset byte offset in {@code src}
     * @param n number of elements, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return {@code n}, or 0
     */
    public abstract int mpEnqueueBulk(MemorySegment src, long srcOffset, int n, int[] freeSpace);

    /**
     * Enqueues as many as fit of the {@code n} elements at {@code src[srcOffset]}, in the ring's producer mode
     * ({@code rte_ring_enqueue_burst_elem}).
     *
     * @param src the elements' memory
     * @param srcOffset byte offset in {@code src}
     * @param n most elements to enqueue, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return the number enqueued, in [0, n]
     */
    public abstract int enqueueBurst(MemorySegment src, long srcOffset, int n, int[] freeSpace);

    /**
     * Single-producer {@link #enqueueBurst(MemorySegment, long, int, int[])}.
     *
     * @param src the elements' memory
     * @param srcOffset byte offset in {@code src}
     * @param n most elements to enqueue, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return the number enqueued
     */
    public abstract int spEnqueueBurst(MemorySegment src, long srcOffset, int n, int[] freeSpace);

    /**
     * Multi-producer {@link #enqueueBurst(MemorySegment, long, int, int[])}.
     *
     * @param src the elements' memory
     * @param srcOffset byte offset in {@code src}
     * @param n most elements to enqueue, {@code >= 0}
     * @param freeSpace null, or receives in element 0 the free slots after the call
     * @return the number enqueued
     */
    public abstract int mpEnqueueBurst(MemorySegment src, long srcOffset, int n, int[] freeSpace);

    /**
     * Dequeues exactly {@code n} elements, back to back, into {@code dst[dstOffset]}, or none, in the ring's consumer
     * mode ({@code rte_ring_dequeue_bulk_elem}).
     *
     * @param dst where to store the elements, {@code n * elementSize()} bytes from {@code dstOffset}
     * @param dstOffset byte offset in {@code dst}, any alignment
     * @param n number of elements, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return {@code n}, or 0
     */
    public abstract int dequeueBulk(MemorySegment dst, long dstOffset, int n, int[] available);

    /**
     * Single-consumer {@link #dequeueBulk(MemorySegment, long, int, int[])}.
     *
     * @param dst where to store the elements
     * @param dstOffset byte offset in {@code dst}
     * @param n number of elements, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return {@code n}, or 0
     */
    public abstract int scDequeueBulk(MemorySegment dst, long dstOffset, int n, int[] available);

    /**
     * Multi-consumer {@link #dequeueBulk(MemorySegment, long, int, int[])}.
     *
     * @param dst where to store the elements
     * @param dstOffset byte offset in {@code dst}
     * @param n number of elements, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return {@code n}, or 0
     */
    public abstract int mcDequeueBulk(MemorySegment dst, long dstOffset, int n, int[] available);

    /**
     * Dequeues up to {@code n} elements into {@code dst[dstOffset]}, in the ring's consumer mode
     * ({@code rte_ring_dequeue_burst_elem}).
     *
     * @param dst where to store the elements
     * @param dstOffset byte offset in {@code dst}
     * @param n most elements to dequeue, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return the number dequeued, in [0, n]
     */
    public abstract int dequeueBurst(MemorySegment dst, long dstOffset, int n, int[] available);

    /**
     * Single-consumer {@link #dequeueBurst(MemorySegment, long, int, int[])}.
     *
     * @param dst where to store the elements
     * @param dstOffset byte offset in {@code dst}
     * @param n most elements to dequeue, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return the number dequeued
     */
    public abstract int scDequeueBurst(MemorySegment dst, long dstOffset, int n, int[] available);

    /**
     * Multi-consumer {@link #dequeueBurst(MemorySegment, long, int, int[])}.
     *
     * @param dst where to store the elements
     * @param dstOffset byte offset in {@code dst}
     * @param n most elements to dequeue, {@code >= 0}
     * @param available null, or receives in element 0 the entries left after the call
     * @return the number dequeued
     */
    public abstract int mcDequeueBurst(MemorySegment dst, long dstOffset, int n, int[] available);
}
