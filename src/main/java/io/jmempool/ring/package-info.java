/**
 * DPDK's {@code rte_ring} over FFM memory: {@link io.jmempool.ring.Ring}.
 */
package io.jmempool.ring;
