package io.jmempool.mempool;

/**
 * A snapshot a program can read, with the fields of DPDK's {@code /mempool/info} telemetry.
 *
 * @param name the pool's name
 * @param poolId the pool's id: the tag in its handles, unique in the process
 * @param flags the flags, internal bits included
 * @param size the number of objects
 * @param cacheSize the per-lcore cache size
 * @param cachePolicy the cache algorithm
 * @param eltSize the element size
 * @param headerSize bytes before each element
 * @param trailerSize bytes after each element
 * @param privateDataSize bytes of private data
 * @param opsIndex the driver's index
 * @param opsName the driver's name
 * @param populatedSize objects populated
 * @param totalCacheCount objects in the default caches
 * @param commonPoolCount objects in the backend
 * @param memoryChunks number of memory chunks
 * @param memoryBytes bytes of object memory
 * @param debug whether the debug checks are on
 * @param stats whether statistics are on
 */
public record MempoolInfo(String name, int poolId, int flags, int size, int cacheSize, CachePolicy cachePolicy,
                          int eltSize, long headerSize, long trailerSize, int privateDataSize, int opsIndex,
                          String opsName, int populatedSize, int totalCacheCount, int commonPoolCount,
                          int memoryChunks, long memoryBytes, boolean debug, boolean stats) {
}
