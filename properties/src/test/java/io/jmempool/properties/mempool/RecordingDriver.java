package io.jmempool.properties.mempool;

import io.jmempool.mempool.Mempool;
import io.jmempool.mempool.MempoolBackend;
import io.jmempool.mempool.MempoolOps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test drivers: a FIFO backend that records every transfer the pool asks of it, so that the properties can see
 * exactly what the cache algorithm moved. The registry is process-wide, holds at most 16 drivers and takes each name
 * once, so both drivers are registered exactly once per JVM, by this class's initialisation.
 *
 * <p>{@link #SCRIBBLING} differs in one thing that {@link MempoolBackend#dequeue}'s contract allows: a dequeue that
 * fails writes garbage into its destination.
 */
final class RecordingDriver implements MempoolOps {
    static final String FIFO = "pbt_recording_fifo";
    static final String SCRIBBLING = "pbt_scribbling_fifo";
    /** What the scribbling driver writes into a failed dequeue's destination: never a handle (its tag is negative). */
    static final long GARBAGE = 0xDEAD_BEEF_DEAD_BEEFL;

    private static final Map<String, Backend> BY_POOL = new ConcurrentHashMap<>();

    static {
        Mempool.registerOps(new RecordingDriver(FIFO, false));
        Mempool.registerOps(new RecordingDriver(SCRIBBLING, true));
    }

    private final String name;
    private final boolean scribbles;

    private RecordingDriver(String name, boolean scribbles) {
        this.name = name;
        this.scribbles = scribbles;
    }

    /** Class initialisation registers the drivers; this only triggers it. */
    static void ensureRegistered() {
    }

    /** The backend of a live pool that uses one of these drivers, or null. */
    static Backend of(Mempool pool) {
        return BY_POOL.get(pool.name());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MempoolBackend alloc(Mempool pool) {
        Backend b = new Backend(pool.name(), pool.size(), scribbles);
        BY_POOL.put(pool.name(), b);
        return b;
    }

    /**
     * One call the pool made on its backend.
     *
     * @param enqueue enqueue or dequeue
     * @param n the count asked for
     * @param objs the handles moved, in array order; empty when it failed
     * @param ok whether it succeeded
     */
    record Transfer(boolean enqueue, int n, List<Long> objs, boolean ok) {
        @Override
        public String toString() {
            return (enqueue ? "enq " : "deq ") + n + (ok ? " " + Handles.names(objs) : " (failed)");
        }
    }

    /** A bounded FIFO of handles with a log; single-threaded use is enough, but it is cheap to be safe. */
    static final class Backend implements MempoolBackend {
        private final String pool;
        private final int capacity;
        private final boolean scribbles;
        private final ArrayDeque<Long> fifo = new ArrayDeque<>();
        private final List<Transfer> log = new ArrayList<>();

        Backend(String pool, int capacity, boolean scribbles) {
            this.pool = pool;
            this.capacity = capacity;
            this.scribbles = scribbles;
        }

        @Override
        public synchronized boolean enqueue(long[] objs, int off, int n) {
            boolean ok = fifo.size() + n <= capacity;
            List<Long> moved = new ArrayList<>();
            if (ok) {
                for (int i = 0; i < n; i++) {
                    fifo.addLast(objs[off + i]);
                    moved.add(objs[off + i]);
                }
            }
            log.add(new Transfer(true, n, ok ? List.copyOf(moved) : List.of(), ok));
            return ok;
        }

        @Override
        public synchronized boolean dequeue(long[] objs, int off, int n) {
            boolean ok = fifo.size() >= n;
            List<Long> moved = new ArrayList<>();
            if (ok) {
                for (int i = 0; i < n; i++) {
                    long h = fifo.pollFirst();
                    objs[off + i] = h;
                    moved.add(h);
                }
            } else if (scribbles) {
                Arrays.fill(objs, off, off + n, GARBAGE);
            }
            log.add(new Transfer(false, n, ok ? List.copyOf(moved) : List.of(), ok));
            return ok;
        }

        @Override
        public synchronized int count() {
            return fifo.size();
        }

        @Override
        public void close() {
            BY_POOL.remove(pool, this);
        }

        /** The transfers since the last call, oldest first. */
        synchronized List<Transfer> drainLog() {
            List<Transfer> copy = List.copyOf(log);
            log.clear();
            return copy;
        }

        /** The handles stored now, next out first. */
        synchronized List<Long> contents() {
            return List.copyOf(fifo);
        }
    }
}
