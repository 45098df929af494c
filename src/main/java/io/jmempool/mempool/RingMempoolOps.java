package io.jmempool.mempool;

import io.jmempool.ring.Ring;

/**
 * The ring drivers {@code ring_mp_mc}, {@code ring_sp_sc}, {@code ring_mp_sc} and {@code ring_sp_mc}: a FIFO ring of
 * handles named {@code "MP_" + pool name}, of {@code nextPowerOfTwo(n + 1)} slots so that it can hold every object.
 */
final class RingMempoolOps implements MempoolOps {
    private final String name;
    private final int ringFlags;

    RingMempoolOps(String name, int ringFlags) {
        this.name = name;
        this.ringFlags = ringFlags;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MempoolBackend alloc(Mempool pool) {
        int count = Integer.highestOneBit(pool.size()) << 1; // nextPowerOfTwo(size + 1)
        return new RingBackend(Ring.create("MP_" + pool.name(), count, ringFlags));
    }

    private static final class RingBackend implements MempoolBackend {
        private final Ring ring;

        RingBackend(Ring ring) {
            this.ring = ring;
        }

        @Override
        public boolean enqueue(long[] objs, int off, int n) {
            return ring.enqueueBulk(objs, off, n) == n;
        }

        @Override
        public boolean dequeue(long[] objs, int off, int n) {
            return ring.dequeueBulk(objs, off, n) == n;
        }

        @Override
        public int count() {
            return ring.count();
        }

        @Override
        public void close() {
            ring.close();
        }

        @Override
        public String toString() {
            return ring.toString();
        }
    }
}
