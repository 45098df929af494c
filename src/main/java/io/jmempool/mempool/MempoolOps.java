package io.jmempool.mempool;

/**
 * A mempool driver ({@code struct rte_mempool_ops}): a named factory of backends. A pool refers to its driver by its
 * index in the registry ({@code ops_index}), as DPDK does.
 *
 * <p>Built in, in this order: {@code ring_mp_mc}, {@code ring_sp_sc}, {@code ring_mp_sc}, {@code ring_sp_mc} (FIFO
 * rings of {@code nextPowerOfTwo(n + 1)} slots, so that a legal put never fails) and {@code stack} (a LIFO under a
 * lock). Further drivers come from {@link java.util.ServiceLoader} (sorted by name, so that the indices are the same
 * in every run) or from {@link Mempool#registerOps(MempoolOps)}.
 */
public interface MempoolOps {
    /**
     * The driver's name, 1 to 31 characters, unique in the registry.
     *
     * @return the name
     */
    String name();

    /**
     * Allocates the backend of a pool ({@code alloc}). Called once, by the pool's first populate.
     *
     * @param pool the pool: its name, size and flags are set
     * @return the backend, empty
     */
    MempoolBackend alloc(Mempool pool);
}
