package io.jmempool.mempool;

/**
 * Pool life-cycle events ({@code enum rte_mempool_event}).
 */
public enum MempoolEvent {
    /** The pool holds all its objects for the first time: populate has finished. */
    READY,
    /** The pool is being freed. */
    DESTROY
}
