/**
 * jmempool: DPDK's {@code rte_ring} and {@code rte_mempool} on the FFM API.
 *
 * <p>Only the API packages are exported. {@code io.jmempool.internal} holds the single off-heap accessor class and
 * the test hooks; code on the class path (the project's own verification modules) may reach it, modules may not.
 */
module io.jmempool {
    exports io.jmempool;
    exports io.jmempool.ring;
    exports io.jmempool.mempool;

    uses io.jmempool.mempool.MempoolOps;
}
