package io.jmempool.mempool;

/**
 * An object was put while it was already free: a double put, or a put of an object the pool never handed out
 * (DPDK's "bad header cookie (put)"). Detected when the pool's debug checks are on. The call that throws it changed
 * nothing.
 */
public final class DoubleFreeException extends ObjectMisuseException {
    private static final long serialVersionUID = 1L;

    DoubleFreeException(String pool, long handle) {
        super(pool, handle, describe(pool, handle) + " is already free: it was put twice, or never handed out");
    }
}
