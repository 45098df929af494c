/**
 * DPDK's {@code rte_mempool} over FFM memory: {@link io.jmempool.mempool.Mempool}, its caches
 * ({@link io.jmempool.mempool.MempoolCache}, {@link io.jmempool.mempool.Lcore}) and its driver SPI
 * ({@link io.jmempool.mempool.MempoolOps}).
 */
package io.jmempool.mempool;
