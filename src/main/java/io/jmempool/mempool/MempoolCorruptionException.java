package io.jmempool.mempool;

/**
 * {@link Mempool#audit()}, or a get with debug checks on, found a pool in a state that no sequence of legal calls
 * can produce (DPDK panics here). The message says what was found.
 */
public final class MempoolCorruptionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MempoolCorruptionException(String message) {
        super(message);
    }
}
