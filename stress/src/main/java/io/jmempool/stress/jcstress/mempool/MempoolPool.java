package io.jmempool.stress.jcstress.mempool;

import io.jmempool.mempool.CachePolicy;
import io.jmempool.mempool.Mempool;
import io.jmempool.mempool.MempoolCache;
import io.jmempool.ring.Ring;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mempools for JCStress states, recycled rather than created and closed per state (a pool owns two shared arenas,
 * its own and its backend ring's; JCStress makes a state per sample). A state borrows a {@link Lease}: a full pool
 * and two empty user-owned caches; its {@code @Arbiter}, which JCStress runs once both actors are done with the state,
 * gives it back. Giving back gathers every object: it flushes the caches, returns what the state still holds, takes
 * all n objects out of the backend and puts them back. A pool that does not give back exactly n objects (a mutant lost
 * or duplicated one) is closed instead of reused, so that one broken sample cannot leak into the next.
 *
 * <p>Not a {@code Cleaner}, as {@code RingPool} uses: a pool holds some 30 KB of heap (its per-lcore statistics, two
 * caches of {@code size + 512} slots), and while the cleaner thread waited for CPU behind two busy actors the pools
 * multiplied until the 256 MB fork ran out of heap. Given back by the arbiter, they number the states in flight.
 *
 * <p>The backend rings are specialised, as in production: the seeded mutants live in {@code Mempool}, which is a
 * shared class either way.
 */
final class MempoolPool {
    private static final AtomicLong NAMES = new AtomicLong();

    private final CachePolicy policy;
    private final int n;
    private final int cacheSize;
    private final boolean debug;
    private final ConcurrentLinkedQueue<Lease> free = new ConcurrentLinkedQueue<>();

    /**
     * @param policy the cache algorithm
     * @param n objects per pool
     * @param cacheSize the size of the two user caches (the pools have no default caches)
     * @param debug whether the pools check and write cookies
     */
    MempoolPool(CachePolicy policy, int n, int cacheSize, boolean debug) {
        this.policy = policy;
        this.n = n;
        this.cacheSize = cacheSize;
        this.debug = debug;
    }

    /** A full pool with empty caches, for one state; the state's arbiter calls {@link Lease#giveBack()}. */
    Lease borrow() {
        Lease l = free.poll();
        if (l == null) {
            Mempool pool = Mempool.builder("jcstress-" + NAMES.incrementAndGet()).size(n).elementSize(16)
                    .cacheSize(0).cachePolicy(policy).debug(debug).create(null, null);
            l = new Lease(this, pool, Ring.lookup("MP_" + pool.name()).orElseThrow(), MempoolCache.create(cacheSize),
                    MempoolCache.create(cacheSize), n);
        }
        return l;
    }

    /** One pool lent to one state. The state records what it holds at the end in {@link #held}. */
    static final class Lease {
        private final MempoolPool owner;
        final Mempool pool;
        final Ring backend;
        final MempoolCache a;
        final MempoolCache b;
        /** The handles the state holds when its actors are done; a prefix of {@link #heldCount} entries. */
        final long[] held;
        int heldCount;

        private Lease(MempoolPool owner, Mempool pool, Ring backend, MempoolCache a, MempoolCache b, int n) {
            this.owner = owner;
            this.pool = pool;
            this.backend = backend;
            this.a = a;
            this.b = b;
            this.held = new long[n];
        }

        /** Takes every object out through no cache: the state then owns them all. */
        long[] takeAll() {
            long[] all = new long[held.length];
            if (!pool.genericGet(all, 0, all.length, null)) {
                throw new IllegalStateException("a lent pool is not full");
            }
            return all;
        }

        /** Objects in the backend and both caches, plus those the state holds: n unless one was lost or doubled. */
        int accountedFor() {
            return backend.count() + a.length() + b.length() + heldCount;
        }

        /** Gathers the objects back and returns the pool for the next state; closes it if the count is off. */
        void giveBack() {
            if (gather()) {
                owner.free.offer(this);
            } else {
                pool.close();
            }
        }

        private boolean gather() {
            try {
                pool.cacheFlush(a);
                pool.cacheFlush(b);
                pool.genericPut(held, 0, heldCount, null);
                heldCount = 0;
                long[] all = new long[held.length];
                if (!pool.genericGet(all, 0, all.length, null) || backend.count() != 0) {
                    return false;
                }
                pool.genericPut(all, 0, all.length, null);
                return true;
            } catch (RuntimeException e) {
                return false; // a double put or a damaged cookie: the pool is not fit to lend again
            }
        }
    }
}
