package io.jmempool.stress.mutant;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A happens-before data-race detector for off-heap memory, fed by {@link HbMem}.
 *
 * <p>The Java memory model calls a program correctly synchronised when none of its sequentially consistent
 * executions has a data race: two accesses to the same location from different threads, at least one a write, not
 * ordered by happens-before. Here, as in VarHandle practice, an access takes part in a race when it is plain; an
 * opaque, acquire, release or volatile access is "atomic" and races only with a plain one. A model checker that
 * assumes sequential consistency cannot see a missing release or acquire, because every execution it explores is
 * sequentially consistent; but the race that the missing edge leaves is visible in those very executions. So the
 * detector judges each execution a model checker (or a stress run) produces against the JMM, on any hardware,
 * including x86, where the reordering itself never shows.
 *
 * <p>The algorithm is vector clocks with per-location epochs (FastTrack-style): a release store or a successful
 * volatile CAS publishes the writer's clock on the location; an acquire or volatile load joins it; a plain or opaque
 * store leaves nothing to acquire. Locations are 4-byte words of native memory. Every access runs under one global
 * lock together with its bookkeeping, so the detector sees a sequentially consistent execution, which is all the
 * definition needs.
 *
 * <p>{@link #reset()} forgets every thread and location: call it when the threads that follow are ordered after
 * everything so far (a thread start, a model checker's next invocation).
 */
public final class HappensBefore {
    /** Access modes, as {@link io.jmempool.internal.Mem} names them. */
    enum Mode {
        PLAIN, OPAQUE, ACQUIRE, RELEASE, VOLATILE;

        boolean plain() {
            return this == PLAIN;
        }

        boolean acquires() {
            return this == ACQUIRE || this == VOLATILE;
        }

        boolean releases() {
            return this == RELEASE || this == VOLATILE;
        }
    }

    static final Object LOCK = new Object();
    private static final int MAX_THREADS = 16;

    private static final Map<Thread, Integer> IDS = new HashMap<>();
    private static final int[][] CLOCKS = new int[MAX_THREADS][];
    private static final Map<Long, Word> SHADOW = new HashMap<>();

    private HappensBefore() {
    }

    /** The last write and the reads since, of one 4-byte word. */
    private static final class Word {
        int writer = -1;
        int writeClock;
        Mode writeMode;
        final int[] plainReads = new int[MAX_THREADS];
        final int[] atomicReads = new int[MAX_THREADS];
        /** The clock a release store or volatile CAS published here; null after a plain or opaque store. */
        int[] released;
    }

    /** Forgets every thread and location (see the class comment). */
    public static void reset() {
        synchronized (LOCK) {
            IDS.clear();
            Arrays.fill(CLOCKS, null);
            SHADOW.clear();
        }
    }

    private static int me() {
        Thread t = Thread.currentThread();
        Integer id = IDS.get(t);
        if (id == null) {
            id = IDS.size();
            if (id == MAX_THREADS) {
                throw new IllegalStateException("more than " + MAX_THREADS + " threads since the last reset()");
            }
            IDS.put(t, id);
            CLOCKS[id] = new int[MAX_THREADS];
            CLOCKS[id][id] = 1;
        }
        return id;
    }

    /** Records a load of {@code bytes} bytes at {@code offset}. Caller holds {@link #LOCK}. */
    static void read(MemorySegment s, long offset, long bytes, Mode mode) {
        if (!s.isNative()) {
            return;
        }
        int t = me();
        int[] clock = CLOCKS[t];
        for (long a = (s.address() + offset) >>> 2, end = (s.address() + offset + bytes + 3) >>> 2; a < end; a++) {
            Word w = SHADOW.computeIfAbsent(a, k -> new Word());
            if (w.writer >= 0 && w.writer != t && w.writeClock > clock[w.writer]
                    && (mode.plain() || w.writeMode.plain())) {
                race(s, a, w.writeMode + " write by thread " + w.writer, mode + " read by thread " + t);
            }
            if (mode.plain()) {
                w.plainReads[t] = clock[t];
            } else {
                w.atomicReads[t] = clock[t];
            }
            if (mode.acquires() && w.released != null) {
                join(clock, w.released);
            }
        }
    }

    /** Records a store of {@code bytes} bytes at {@code offset}. Caller holds {@link #LOCK}. */
    static void write(MemorySegment s, long offset, long bytes, Mode mode) {
        if (!s.isNative()) {
            return;
        }
        int t = me();
        int[] clock = CLOCKS[t];
        long first = (s.address() + offset) >>> 2;
        long end = (s.address() + offset + bytes + 3) >>> 2;
        for (long a = first; a < end; a++) {
            Word w = SHADOW.computeIfAbsent(a, k -> new Word());
            if (w.writer >= 0 && w.writer != t && w.writeClock > clock[w.writer]
                    && (mode.plain() || w.writeMode.plain())) {
                race(s, a, w.writeMode + " write by thread " + w.writer, mode + " write by thread " + t);
            }
            for (int u = 0; u < MAX_THREADS; u++) {
                if (u != t && (w.plainReads[u] > clock[u] || mode.plain() && w.atomicReads[u] > clock[u])) {
                    race(s, a, (w.plainReads[u] > clock[u] ? "PLAIN" : "atomic") + " read by thread " + u,
                            mode + " write by thread " + t);
                }
            }
            w.writer = t;
            w.writeClock = clock[t];
            w.writeMode = mode;
            w.released = mode.releases() ? clock.clone() : null;
        }
        if (mode.releases()) {
            clock[t]++; // later accesses are not covered by what this release published
        }
    }

    private static void join(int[] into, int[] from) {
        for (int i = 0; i < MAX_THREADS; i++) {
            into[i] = Math.max(into[i], from[i]);
        }
    }

    private static void race(MemorySegment s, long word, String earlier, String later) {
        String where = RingOffsets.describe((word << 2) - s.address());
        String message = "data race on " + where + ": " + earlier + " is not ordered before " + later
                + " by happens-before";
        throw new DataRaceError(message);
    }

    /** Thrown by the access that completes a race, so that the run that found it fails there. */
    public static final class DataRaceError extends AssertionError {
        private static final long serialVersionUID = 1L;

        DataRaceError(String message) {
            super(message);
        }
    }
}
