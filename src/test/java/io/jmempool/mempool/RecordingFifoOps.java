package io.jmempool.mempool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A test driver: a FIFO backend that records every transfer, so that a test can check exactly what the cache
 * algorithm asked of the backend. Registered once per JVM under {@link #NAME}.
 */
final class RecordingFifoOps implements MempoolOps {
    static final String NAME = "test_recording_fifo";
    static final RecordingFifoOps INSTANCE = new RecordingFifoOps();
    /** The log of the backend most recently allocated. */
    static volatile Backend last;

    static {
        Mempool.registerOps(INSTANCE);
    }

    static void ensureRegistered() {
        // Class initialisation does the registration.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MempoolBackend alloc(Mempool pool) {
        Backend b = new Backend(pool.size());
        last = b;
        return b;
    }

    /** One transfer: "enq" or "deq", its size, and whether it succeeded. */
    record Op(String kind, int n, boolean ok) {
        @Override
        public String toString() {
            return kind + " " + n + (ok ? "" : " (failed)");
        }
    }

    static final class Backend implements MempoolBackend {
        final ArrayDeque<Long> fifo = new ArrayDeque<>();
        final List<Op> log = new ArrayList<>();
        final int capacity;
        boolean recording;

        Backend(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public synchronized boolean enqueue(long[] objs, int off, int n) {
            boolean ok = fifo.size() + n <= capacity;
            if (ok) {
                for (int i = 0; i < n; i++) {
                    fifo.addLast(objs[off + i]);
                }
            }
            if (recording) {
                log.add(new Op("enq", n, ok));
            }
            return ok;
        }

        @Override
        public synchronized boolean dequeue(long[] objs, int off, int n) {
            boolean ok = fifo.size() >= n;
            if (ok) {
                for (int i = 0; i < n; i++) {
                    objs[off + i] = fifo.pollFirst();
                }
            }
            if (recording) {
                log.add(new Op("deq", n, ok));
            }
            return ok;
        }

        @Override
        public synchronized int count() {
            return fifo.size();
        }

        @Override
        public void close() {
        }

        /** The log since the last call, then cleared. */
        synchronized List<Op> drainLog() {
            List<Op> copy = List.copyOf(log);
            log.clear();
            return copy;
        }
    }
}
