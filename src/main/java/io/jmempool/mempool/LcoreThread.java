package io.jmempool.mempool;

/**
 * A platform thread that holds an lcore id for as long as its task runs: DPDK's EAL thread. It is the fastest way
 * for a thread to reach its default mempool caches: {@link Lcore#id()} is a type check and a field read.
 *
 * <p>The id is taken when the thread starts and given back when its task ends, after this lcore's default cache in
 * every live pool has been flushed, so that no object stays stranded in a cache that nobody uses.
 */
public final class LcoreThread extends Thread {
    /** Written and read only by this thread. */
    private int lcoreId = Lcore.ANY;

    /**
     * Creates an unstarted lcore thread.
     *
     * @param name the thread's name
     * @param task what it runs
     */
    public LcoreThread(String name, Runnable task) {
        super(task, name);
    }

    int lcoreId() {
        return lcoreId;
    }

    @Override
    public void run() {
        lcoreId = Lcore.acquire(this);
        try {
            super.run();
        } finally {
            int id = lcoreId;
            lcoreId = Lcore.ANY;
            Lcore.release(id);
        }
    }
}
