package io.jmempool.mempool;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code stack} driver: a LIFO of capacity n under a lock, as DPDK's {@code stack} (spinlock) driver. The object
 * put last comes out first, which keeps recently used objects hot in a pipeline. A {@link ReentrantLock} rather than a
 * spinlock, so that a thread descheduled while holding it does not make the others burn CPU, and virtual threads park
 * instead of pinning.
 */
final class StackMempoolOps implements MempoolOps {
    @Override
    public String name() {
        return "stack";
    }

    @Override
    public MempoolBackend alloc(Mempool pool) {
        return new Stack(pool.size());
    }

    private static final class Stack implements MempoolBackend {
        private final ReentrantLock lock = new ReentrantLock();
        private final long[] objs;
        /** Guarded by lock; read racily by count(). */
        private volatile int len;

        Stack(int capacity) {
            objs = new long[capacity];
        }

        @Override
        public boolean enqueue(long[] src, int off, int n) {
            lock.lock();
            try {
                int l = len;
                if (n > objs.length - l) {
                    return false;
                }
                System.arraycopy(src, off, objs, l, n);
                len = l + n;
                return true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean dequeue(long[] dst, int off, int n) {
            lock.lock();
            try {
                int l = len;
                if (n > l) {
                    return false;
                }
                // Top first, as a stack pops.
                for (int i = 0; i < n; i++) {
                    dst[off + i] = objs[l - 1 - i];
                }
                len = l - n;
                return true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int count() {
            return len;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                len = 0;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public String toString() {
            return "stack[" + len + "/" + objs.length + "]";
        }
    }
}
