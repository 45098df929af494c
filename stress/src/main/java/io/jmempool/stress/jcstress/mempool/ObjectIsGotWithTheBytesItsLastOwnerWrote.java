package io.jmempool.stress.jcstress.mempool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.jmempool.internal.Mem;
import io.jmempool.mempool.CachePolicy;
import io.jmempool.mempool.Mempool;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Edge element writes → put into a user cache → the cache's flush to the backend (a ring enqueue: slot writes, R0)
 * → another thread's get refills its cache or takes the rest directly (A3, slot reads) → element reads: an object
 * put by one thread and got by another shows the bytes its last owner wrote, whichever cache step carried it. The
 * arbiter also counts every object once the actors are done: a flush or a failed get must neither lose nor double
 * one (the seeded flush and rollback mutants fail here).
 *
 * <p>Outcome {@code (got, bytes, objects)}: got is 1 if the getter's get of two succeeded; bytes is 1 if the object
 * that came from the owner showed both words the owner wrote, 0 if it showed the zeros written before the actors
 * started, -1 for anything else (a mix, or an object that was never the owner's); objects is what the pool holds in
 * its backend and caches plus what the getter holds.
 */
public final class ObjectIsGotWithTheBytesItsLastOwnerWrote {
    private ObjectIsGotWithTheBytesItsLastOwnerWrote() {
    }

    /** What the getter reads from an object: 1 = the owner's words, 0 = the zeros from before, -1 = other. */
    static int bytesSeen(Mempool pool, long h) {
        MemorySegment s = pool.segmentOf(h);
        long off = pool.offset(h);
        long w0 = Mem.getLongPlain(s, off);
        long w1 = Mem.getLongPlain(s, off + 8);
        return w0 == h && w1 == ~h ? 1 : w0 == 0 && w1 == 0 ? 0 : -1;
    }

    static void write(Mempool pool, long h, long w0, long w1) {
        MemorySegment s = pool.segmentOf(h);
        long off = pool.offset(h);
        Mem.setLongPlain(s, off, w0);
        Mem.setLongPlain(s, off + 8, w1);
    }

    /**
     * The state both policies share: the owner holds {@code owned} objects, zeroed; the getter's cache B holds one
     * object; the backend is empty. The owner writes each object's handle and its complement into the object and
     * puts it into cache A, one at a time, until A flushes the first ones to the backend. The getter asks for two:
     * one comes from B, the other needs the backend.
     */
    abstract static class Handoff {
        final MempoolPool.Lease lease;
        final Mempool pool;
        final long[] owned;
        final long inB;
        boolean got;

        Handoff(MempoolPool lendingPool, int owned) {
            lease = lendingPool.borrow();
            pool = lease.pool;
            long[] all = lease.takeAll();
            this.owned = java.util.Arrays.copyOf(all, owned);
            for (long h : this.owned) {
                write(pool, h, 0, 0);
            }
            inB = all[owned];
            pool.genericPut(all, owned, 1, lease.b);
        }

        void owner() {
            long[] one = new long[1];
            for (long h : owned) {
                write(pool, h, h, ~h);
                one[0] = h;
                pool.genericPut(one, 0, 1, lease.a);
            }
        }

        void getter(III_Result r) {
            long[] two = new long[2];
            if (pool.genericGet(two, 0, 2, lease.b)) {
                got = true;
                System.arraycopy(two, 0, lease.held, 0, 2);
                lease.heldCount = 2;
                r.r1 = 1;
                // B's object comes first (the cache is popped before the backend is asked).
                r.r2 = two[0] == inB ? bytesSeen(pool, two[1]) : -1;
            }
        }

        void arbiter(III_Result r) {
            r.r3 = lease.accountedFor();
            lease.giveBack();
        }
    }

    /**
     * v26.07, caches of 2 (half 1), 4 objects: the owner's third put finds A full and flushes its oldest object
     * (PutFlushHalf). The getter pops B's object and refills one (GetRefill), or, if the refill found the backend
     * empty, takes one directly a moment later (GetBypass), or fails and restores B (GetRollback).
     */
    @JCStressTest
    @Description("v26.07: the object A's flush sends to the backend is got by the other thread with its owner's "
            + "bytes, and no object is lost or doubled.")
    @Outcome(id = "0, 0, 4", expect = ACCEPTABLE, desc = "The get ran before the flush: B was restored, 4 objects.")
    @Outcome(id = "1, 1, 4", expect = ACCEPTABLE, desc = "Got B's object and the flushed one, with its owner's bytes.")
    @Outcome(expect = FORBIDDEN, desc = "Stale bytes (1, 0, _), mixed bytes or a stranger (1, -1, _), or a count "
            + "other than 4: the flush or the rollback lost or doubled an object.")
    @State
    public static class V2607 extends Handoff {
        private static final MempoolPool POOL = new MempoolPool(CachePolicy.V26_07, 4, 2, false);

        public V2607() {
            super(POOL, 3);
        }

        @Actor
        public void owner() {
            super.owner();
        }

        @Actor
        public void getter(III_Result r) {
            super.getter(r);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            super.arbiter(r);
        }
    }

    /**
     * LTS, caches of 2 (threshold 3), 5 objects: the owner's fourth put passes A's threshold and flushes all three
     * cached objects (PutFlushAll). The getter pops B's object and refills 2 + 1 (GetRefillFull, taking the newest),
     * or takes one directly (GetBypass, the oldest), or fails and restores B.
     */
    @JCStressTest
    @Description("LTS: an object A's flush sends to the backend is got by the other thread with its owner's bytes, "
            + "and no object is lost or doubled.")
    @Outcome(id = "0, 0, 5", expect = ACCEPTABLE, desc = "The get ran before the flush: B was restored, 5 objects.")
    @Outcome(id = "1, 1, 5", expect = ACCEPTABLE, desc = "Got B's object and a flushed one, with its owner's bytes.")
    @Outcome(expect = FORBIDDEN, desc = "Stale bytes (1, 0, _), mixed bytes or a stranger (1, -1, _), or a count "
            + "other than 5: the flush or the rollback lost or doubled an object.")
    @State
    public static class Lts extends Handoff {
        private static final MempoolPool POOL = new MempoolPool(CachePolicy.LTS_25_11, 5, 2, false);

        public Lts() {
            super(POOL, 4);
        }

        @Actor
        public void owner() {
            super.owner();
        }

        @Actor
        public void getter(III_Result r) {
            super.getter(r);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            super.arbiter(r);
        }
    }

    /**
     * Negative control: the same handoff by hand, an object's two words written plain and its handle published
     * through an opaque store of a "backend slot", read back opaque, with no release or acquire. The Java memory
     * model allows the getter to see the handle and then stale words.
     */
    @JCStressTest
    @Description("Control for the handoff: published through an opaque slot, the object's words may be seen stale. "
            + "On this x86 machine (AMD EPYC, 2 vCPUs, JDK 25, -m quick) they never were, in 5.7 million samples.")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "The slot was read before the publish.")
    @Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "Slot and both words seen.")
    @Outcome(id = {"1, 0, 0", "1, -1, 0"}, expect = ACCEPTABLE_INTERESTING, desc = "The handle seen, a word not: "
            + "what the missing release/acquire allows.")
    @Outcome(expect = FORBIDDEN, desc = "Impossible: a slot value nobody stored.")
    @State
    public static class OpaqueControl {
        private static final long H = 0x1234_5678_9abcL;
        private final MemorySegment m = Arena.ofAuto().allocate(64, 64);

        @Actor
        public void owner() {
            Mem.setLongPlain(m, 16, H);
            Mem.setLongPlain(m, 24, ~H);
            Mem.setLongOpaque(m, 0, H); // the "slot"
        }

        @Actor
        public void getter(III_Result r) {
            long slot = Mem.getLongOpaque(m, 0);
            if (slot == H) {
                long w0 = Mem.getLongPlain(m, 16);
                long w1 = Mem.getLongPlain(m, 24);
                r.r1 = 1;
                r.r2 = w0 == H && w1 == ~H ? 1 : w0 == 0 && w1 == 0 ? 0 : -1;
            } else if (slot != 0) {
                r.r1 = -1;
            }
        }
    }
}
