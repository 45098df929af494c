package io.jmempool.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Ids of threads that ended without {@link Lcore#unregister()} are taken back once every id is held, and the objects
 * their default caches parked return to the backend.
 */
class LcoreReclaimTest {
    private static final int N = 64;

    /** Registers on a new thread, runs the task there, and lets the thread end without unregistering. */
    private static int registerAndDie(Runnable task) throws InterruptedException {
        AtomicInteger id = new AtomicInteger(Lcore.ANY);
        Thread t = new Thread(() -> {
            id.set(Lcore.register());
            task.run();
        });
        t.start();
        t.join();
        return id.get();
    }

    @Test
    void aDeadThreadsIdAndCachedObjectsComeBackWhenIdsRunOut() throws InterruptedException {
        try (Mempool pool = Mempool.create("lcore_reclaim", N, 8, 16, 0, null, null, 0)) {
            int dead = registerAndDie(() -> {
                long[] objs = new long[8];
                assertTrue(pool.getBulk(objs, 0, 8));
                pool.putBulk(objs, 0, 8); // parked in the dying thread's default cache
            });
            assertTrue(pool.commonPoolCount() < N, "the dead thread's cache holds objects");
            assertEquals(N, pool.availCount(), "parked objects are still counted as available");

            // Hold every other id with live threads until the dead thread's id is taken back.
            CountDownLatch release = new CountDownLatch(1);
            List<Thread> holders = new ArrayList<>();
            AtomicInteger lastId = new AtomicInteger(Lcore.ANY);
            try {
                for (int i = 0; i <= 2 * Lcore.MAX && lastId.get() != dead; i++) {
                    CountDownLatch registered = new CountDownLatch(1);
                    Thread h = new Thread(() -> {
                        lastId.set(Lcore.register());
                        registered.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            Lcore.unregister();
                        }
                    });
                    h.start();
                    registered.await();
                    holders.add(h);
                }
                assertEquals(dead, lastId.get(), "the dead thread's id was never taken back");
                assertEquals(N, pool.commonPoolCount(), "taking the id back flushed its cache to the backend");
            } finally {
                release.countDown();
                for (Thread h : holders) {
                    h.join();
                }
            }
        }
    }

    @Test
    void threadsThatNeverUnregisterDoNotExhaustTheIds() throws InterruptedException {
        for (int i = 0; i < 2 * Lcore.MAX + 3; i++) {
            int id = registerAndDie(() -> { });
            assertTrue(id >= 0 && id < Lcore.MAX, "thread " + i + " got id " + id);
        }
    }
}
