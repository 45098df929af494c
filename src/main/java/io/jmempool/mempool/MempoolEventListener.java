package io.jmempool.mempool;

/**
 * Receives pool life-cycle events, on the thread that caused them ({@code rte_mempool_event_callback}).
 */
@FunctionalInterface
public interface MempoolEventListener {
    /**
     * Called for each event of each pool.
     *
     * @param event what happened
     * @param pool the pool
     */
    void onEvent(MempoolEvent event, Mempool pool);
}
