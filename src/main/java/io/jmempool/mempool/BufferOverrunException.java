package io.jmempool.mempool;

/**
 * Something wrote past the end of an object's element and over its trailer cookie (DPDK's "bad trailer cookie").
 * Detected at the next put of the object, or by {@link Mempool#audit()}, when the pool's debug checks are on. The put
 * that throws it changed nothing.
 */
public final class BufferOverrunException extends ObjectMisuseException {
    private static final long serialVersionUID = 1L;

    BufferOverrunException(String pool, long handle, long found) {
        super(pool, handle, describe(pool, handle) + " was overrun: its trailer cookie reads 0x"
                + Long.toHexString(found) + ", a write went past the end of its element");
    }
}
