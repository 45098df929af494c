package io.jmempool.mempool;

/**
 * A pool's common store of free objects ({@code pool_data} with the driver's {@code enqueue}, {@code dequeue},
 * {@code get_count} and {@code free}). Both transfers are all-or-nothing. An enqueue of objects that came out of the
 * pool must never fail: the pool treats a refused enqueue as corruption and throws.
 */
public interface MempoolBackend extends AutoCloseable {
    /**
     * Stores {@code objs[off, off + n)}, all or none.
     *
     * @param objs handles
     * @param off first index
     * @param n count, {@code >= 0}
     * @return true if all were stored
     */
    boolean enqueue(long[] objs, int off, int n);

    /**
     * Takes {@code n} objects into {@code objs[off, off + n)}, all or none.
     *
     * @param objs where to store the handles
     * @param off first index
     * @param n count, {@code >= 0}
     * @return true if all were taken; on false {@code objs} may hold garbage
     */
    boolean dequeue(long[] objs, int off, int n);

    /**
     * The number of objects stored now; may be stale under concurrency.
     *
     * @return the count
     */
    int count();

    /** Releases the backend's memory ({@code free}). */
    @Override
    void close();
}
