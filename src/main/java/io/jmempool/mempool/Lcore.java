package io.jmempool.mempool;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Lcore ids: which threads get default mempool caches.
 *
 * <p>DPDK gives each EAL thread an lcore id, and a pool keeps one default cache per id. Threads without an id
 * ("non-EAL" threads) use no default cache: their gets and puts go straight to the pool's backend, or through a
 * user-owned cache they pass explicitly ({@link Mempool#genericGet}). jmempool does the same, with two ways for a
 * platform thread to hold an id:
 * <ul>
 *   <li>{@link LcoreThread} (or {@link #threadFactory(String)}): the thread takes an id when it starts and gives it
 *       back when it ends. Finding the id is a type check and a field read, the cheapest path.</li>
 *   <li>{@link #register()} on any platform thread, until {@link #unregister()}: the id lives in a
 *       {@link ThreadLocal}, so finding it costs a thread-local lookup on every get and put.</li>
 * </ul>
 * Why explicit registration rather than a cache per thread: a cache parks up to its size in objects, so the number of
 * caches must be bounded and known (DPDK bounds it by {@code RTE_MAX_LCORE}); a thread pool that grows, or one
 * virtual thread per request, must not grow caches with it. Virtual threads therefore cannot register: they behave as
 * non-EAL threads, and a user-owned cache is the way to give a group of them a cache.
 *
 * <p>When an id is given back, this lcore's default cache in every live pool is flushed to the pool's backend, so
 * that objects never stay parked in the cache of an id that nobody holds.
 *
 * <p>A thread that ends without {@link #unregister()} keeps its id (as in DPDK) until all {@value #MAX} ids are held;
 * then {@link #register()} takes back the id of a thread that has ended, flushing that id's default caches first. So a
 * thread pool that replaces its threads cannot run out of ids, and the objects a dead thread's caches parked come
 * back; until then they stay parked (they are still counted by {@link Mempool#availCount()}).
 */
public final class Lcore {
    /** The number of lcore ids, DPDK's default {@code RTE_MAX_LCORE}. */
    public static final int MAX = 128;
    /** The id of a thread that holds none, DPDK's {@code LCORE_ID_ANY}. */
    public static final int ANY = -1;

    private static final AtomicReferenceArray<Thread> OWNERS = new AtomicReferenceArray<>(MAX);
    private static final ThreadLocal<int[]> REGISTERED = new ThreadLocal<>();
    private static final AtomicInteger FACTORY_THREADS = new AtomicInteger();

    private Lcore() {
    }

    /**
     * The calling thread's lcore id ({@code rte_lcore_id}).
     *
     * @return the id, in [0, {@value #MAX}), or {@link #ANY} if the thread holds none
     */
    public static int id() {
        if (Thread.currentThread() instanceof LcoreThread t) {
            return t.lcoreId();
        }
        int[] slot = REGISTERED.get();
        return slot == null ? ANY : slot[0];
    }

    /**
     * Gives the calling platform thread an lcore id ({@code rte_thread_register}). Calling it again returns the same
     * id.
     *
     * @return the id
     * @throws IllegalStateException if the thread is virtual, or all {@value #MAX} ids are held by live threads
     */
    public static int register() {
        Thread t = Thread.currentThread();
        if (t instanceof LcoreThread lt) {
            return lt.lcoreId();
        }
        int[] slot = REGISTERED.get();
        if (slot != null) {
            return slot[0];
        }
        if (t.isVirtual()) {
            throw new IllegalStateException("thread '" + t.getName() + "' is virtual: virtual threads get no lcore id "
                    + "(use a user-owned MempoolCache through Mempool.genericGet/genericPut)");
        }
        int id = acquire(t);
        REGISTERED.set(new int[] {id});
        return id;
    }

    /**
     * Gives the calling thread's id back ({@code rte_thread_unregister}), after flushing its default cache in every
     * live pool. Does nothing if the thread holds no id, or holds it as an {@link LcoreThread} (which gives it back
     * when its task ends).
     */
    public static void unregister() {
        int[] slot = REGISTERED.get();
        if (slot == null) {
            return;
        }
        REGISTERED.remove();
        release(slot[0]);
    }

    /**
     * A factory of {@link LcoreThread}s, named {@code prefix-0}, {@code prefix-1}, ...
     *
     * @param prefix the name prefix
     * @return the factory
     */
    public static ThreadFactory threadFactory(String prefix) {
        return task -> new LcoreThread(prefix + "-" + FACTORY_THREADS.getAndIncrement(), task);
    }

    /**
     * The number of ids held now.
     *
     * @return a snapshot
     */
    public static int count() {
        int n = 0;
        for (int i = 0; i < MAX; i++) {
            if (OWNERS.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    static int acquire(Thread owner) {
        for (int i = 0; i < MAX; i++) {
            if (OWNERS.get(i) == null && OWNERS.compareAndSet(i, null, owner)) {
                return i;
            }
        }
        // Every id is held: take back one whose thread ended without unregister(). A thread's termination
        // happens-before isAlive() returning false, so its last writes to its caches are visible to the flush, and
        // it can make no more.
        for (int i = 0; i < MAX; i++) {
            Thread t = OWNERS.get(i);
            if (t != null && !t.isAlive() && OWNERS.compareAndSet(i, t, owner)) {
                Mempool.flushLcoreCaches(i);
                return i;
            }
        }
        throw new IllegalStateException("all " + MAX + " lcore ids are held by live threads; thread '"
                + owner.getName() + "' gets none");
    }

    static void release(int id) {
        if (id == ANY) {
            return;
        }
        Mempool.flushLcoreCaches(id);
        OWNERS.set(id, null);
    }
}
