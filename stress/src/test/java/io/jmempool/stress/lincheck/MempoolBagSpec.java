package io.jmempool.stress.lincheck;

import io.jmempool.mempool.CachePolicy;
import io.jmempool.mempool.Mempool;

/**
 * The sequential specification of the mempool checks: a bag of {@code n} interchangeable objects, split between the
 * backend, the two workers' caches (a default cache and a user-owned cache each) and what each worker holds. A get
 * takes from the caller's cache first and then from the backend, a put returns held objects, and the objects move
 * between a cache and the backend exactly as dpdk-behaviour.md §3.1 (v26.07) and §3.2 (LTS) say, counted rather than
 * named: which objects a get returns is not deterministic, and no operation reports it; the test's ownership table
 * checks that no object is out twice.
 *
 * <h2>A get may fail while other caches hold objects</h2>
 * DPDK documents that a get can fail although the pool as a whole has enough objects: those parked in other lcores'
 * caches (and in user-owned caches) are out of reach of the caller. The specification says exactly that, and nothing
 * looser: a get of {@code k} fails if and only if the caller's own cache and the backend together hold fewer than
 * {@code k} at its linearization point; objects in the other worker's caches never count. So a get that fails while
 * the other worker's cache holds objects is accepted, and a get that fails while its own cache and the backend could
 * serve it is not (DPDK a2833ecc5e). Scenarios are sized so that this happens often (see {@link MempoolUnderTest}).
 *
 * <h2>Why the specification is non-deterministic, and which verifier checks it</h2>
 * A get that misses its cache makes two backend calls in turn: a refill (v26.07: exactly half a cache; LTS:
 * {@code size + rest}), and, if that fails, a direct dequeue of the rest. The refill can fail for want of objects
 * and the direct dequeue succeed a moment later because another worker put objects back in between. No single point
 * of such a call sees a backend that an atomic get would serve by the direct path: at the first moment the backend
 * was too small for the rest, at the second large enough for a refill. Both calls are correct DPDK behaviour, and the
 * two outcomes leave different states: a refill parks objects in the caller's cache, a direct dequeue leaves them in
 * the backend, where the other worker can reach them. A deterministic specification cannot say "either", and Lincheck's
 * linearizability verifier needs a deterministic one. So this specification is a relation: {@link #step} lists every
 * outcome an operation may have, and {@link MempoolBagVerifier} searches the linearizations with a set of states. The
 * one freedom is that a get which would refill may instead take its rest directly; everything else, success and
 * failure included, is determined.
 *
 * <p>Each operation reports the number of objects it moved and the length of the caller's cache afterwards (unless
 * {@code mempool.lincheck.lengths=false}), so the specification also checks the exact cache algorithm on each
 * worker's caches while the other worker races on the backend.
 *
 * <p>The state is packed in a long, one byte per place: the backend, two default caches, two user caches, two
 * holdings.
 */
public abstract class MempoolBagSpec {
    /** Places in the packed state. */
    static final int BACKEND = 0;
    /** Default cache of worker 0, then of worker 1. */
    static final int DEFAULT = 1;
    /** User-owned cache of worker 0, then of worker 1. */
    static final int USER = 3;
    /** Objects held by worker 0, then by worker 1. */
    static final int HELD = 5;

    final CachePolicy policy;
    final int cacheSize;
    private final int[] initialHeld;
    private final int[] initialUser;
    private final int initialBackend;
    /** Whether operations report their cache's length; read once, as the test reads it. */
    final boolean lengths = observeLengths();

    /**
     * @param policy the pool's cache algorithm
     * @param cacheSize the size of every cache, default and user-owned
     * @param held objects each worker holds at the start
     * @param user objects in each worker's user cache at the start
     * @param backend objects in the backend at the start; the default caches start empty
     */
    MempoolBagSpec(CachePolicy policy, int cacheSize, int[] held, int[] user, int backend) {
        this.policy = policy;
        this.cacheSize = cacheSize;
        this.initialHeld = held.clone();
        this.initialUser = user.clone();
        this.initialBackend = backend;
        if (size() > 255) {
            throw new IllegalArgumentException("a place holds at most 255 objects in the packed state");
        }
    }

    static boolean observeLengths() {
        return Boolean.parseBoolean(System.getProperty("mempool.lincheck.lengths", "true"));
    }

    /** The v26.07 algorithm: cache of 4 (half 2, so a refill leaves objects behind). */
    public static final class V2607 extends MempoolBagSpec {
        public V2607() {
            super(CachePolicy.V26_07, 4, new int[] {4, 2}, new int[] {4, 1}, 1);
        }
    }

    /** The LTS algorithm: cache of 2 (threshold 3, so a put of 4 goes direct and a put of 2 can flush all). */
    public static final class Lts extends MempoolBagSpec {
        public Lts() {
            super(CachePolicy.LTS_25_11, 2, new int[] {4, 4}, new int[] {2, 1}, 1);
        }
    }

    /** The number of objects in the pool. */
    final int size() {
        return initialBackend + initialHeld[0] + initialHeld[1] + initialUser[0] + initialUser[1];
    }

    final int initialHeld(int worker) {
        return initialHeld[worker];
    }

    final int initialUser(int worker) {
        return initialUser[worker];
    }

    /** The state every invocation starts from: the default caches are empty. */
    final long initial() {
        long s = set(0, BACKEND, initialBackend);
        for (int w = 0; w < 2; w++) {
            s = set(s, USER + w, initialUser[w]);
            s = set(s, HELD + w, initialHeld[w]);
        }
        return s;
    }

    static int get(long state, int place) {
        return (int) (state >>> (8 * place)) & 0xFF;
    }

    static long set(long state, int place, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalStateException("place " + place + " would hold " + value + " objects");
        }
        return state & ~(0xFFL << (8 * place)) | (long) value << (8 * place);
    }

    /** Receives each outcome an operation may have and the state it leaves. */
    interface OutcomeSink {
        void accept(Outcome outcome, long next);
    }

    /**
     * Every outcome of an operation in {@code state}, with the state it leaves.
     *
     * @param state the packed state
     * @param op the operation's name, as in {@link MempoolUnderTest}
     * @param worker 0 or 1
     * @param k the requested count (1 for the single calls)
     * @param sink receives each outcome
     */
    final void step(long state, String op, int worker, int k, OutcomeSink sink) {
        switch (op) {
            case "get" -> get(state, DEFAULT + worker, worker, 1, sink);
            case "getBulk" -> get(state, DEFAULT + worker, worker, k, sink);
            case "userGet" -> get(state, USER + worker, worker, k, sink);
            case "put" -> put(state, DEFAULT + worker, worker, 1, sink);
            case "putBulk" -> put(state, DEFAULT + worker, worker, k, sink);
            case "userPut" -> put(state, USER + worker, worker, k, sink);
            case "flush" -> {
                int len = get(state, DEFAULT + worker);
                long next = set(set(state, DEFAULT + worker, 0), BACKEND, get(state, BACKEND) + len);
                sink.accept(lengths ? new Outcome(len, 0) : new Outcome(-1, -1), next);
            }
            default -> throw new IllegalArgumentException("no such operation: " + op);
        }
    }

    private void get(long state, int cache, int worker, int k, OutcomeSink sink) {
        int len = get(state, cache);
        int backend = get(state, BACKEND);
        long took = set(state, HELD + worker, get(state, HELD + worker) + k);
        if (k <= len) { // GetHit
            sink.accept(outcome(k, len - k), set(took, cache, len - k));
            return;
        }
        int rest = k - len;
        if (backend < rest) { // the refill failed too (it needs more): GetRollback, nothing changes
            sink.accept(outcome(0, len), state);
            return;
        }
        int refill = policy == CachePolicy.V26_07
                ? (rest <= cacheSize >>> 1 ? cacheSize >>> 1 : -1)
                : (rest <= Mempool.CACHE_MAX_SIZE ? cacheSize + rest : -1);
        if (refill >= 0 && backend >= refill) { // GetRefill / GetRefillFull
            int left = refill - rest;
            sink.accept(outcome(k, left), set(set(took, cache, left), BACKEND, backend - refill));
        }
        // GetBypass: always possible here; after a refill that failed at an earlier moment, see the class comment.
        sink.accept(outcome(k, 0), set(set(took, cache, 0), BACKEND, backend - rest));
    }

    private void put(long state, int cache, int worker, int k, OutcomeSink sink) {
        int held = get(state, HELD + worker);
        int m = Math.min(k, held); // the test puts what it holds, at most k
        int len = get(state, cache);
        int backend = get(state, BACKEND);
        if (m == 0) { // nothing to put: the test makes no call
            sink.accept(outcome(0, len), state);
            return;
        }
        long s = set(state, HELD + worker, held - m);
        int newLen;
        int toBackend;
        if (policy == CachePolicy.V26_07) {
            int half = cacheSize >>> 1;
            if (len + m <= cacheSize) { // PutAppend
                newLen = len + m;
                toBackend = 0;
            } else if (m <= half) { // PutFlushHalf
                newLen = len - half + m;
                toBackend = half;
            } else { // PutDirect
                newLen = len;
                toBackend = m;
            }
        } else {
            int threshold = cacheSize * 3 / 2;
            if (m > threshold) { // PutDirect
                newLen = len;
                toBackend = m;
            } else if (len + m <= threshold) { // PutAppend
                newLen = len + m;
                toBackend = 0;
            } else { // PutFlushAll
                newLen = m;
                toBackend = len;
            }
        }
        sink.accept(outcome(m, newLen), set(set(s, cache, newLen), BACKEND, backend + toBackend));
    }

    private Outcome outcome(int moved, int len) {
        return new Outcome(moved, lengths ? len : -1);
    }

    @Override
    public String toString() {
        return policy + " cache " + cacheSize + ", n " + size() + " (held " + initialHeld[0] + "+" + initialHeld[1]
                + ", user caches " + initialUser[0] + "+" + initialUser[1] + ", backend " + initialBackend + ")";
    }

    /** Renders a packed state for failure messages. */
    static String describe(long state) {
        StringBuilder b = new StringBuilder("backend ").append(get(state, BACKEND));
        b.append(", default ").append(get(state, DEFAULT)).append('+').append(get(state, DEFAULT + 1));
        b.append(", user ").append(get(state, USER)).append('+').append(get(state, USER + 1));
        b.append(", held ").append(get(state, HELD)).append('+').append(get(state, HELD + 1));
        return b.toString();
    }
}
