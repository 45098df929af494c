package io.jmempool.mempool;

import static io.jmempool.Refusals.refused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jmempool.NameInUseException;
import io.jmempool.ring.Ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DPDK's mempool scenarios 25 to 40 (dpdk-behaviour.md §6), without their debug and statistics parts, and the
 * mempool rows of the bug table (§7) that are not walked through in {@link CacheWalkthroughTest}.
 */
class MempoolScenarioTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private final List<Mempool> pools = new ArrayList<>();

    private static String name() {
        return "mp" + NAMES.incrementAndGet();
    }

    private Mempool track(Mempool p) {
        pools.add(p);
        return p;
    }

    @AfterEach
    void freePools() {
        pools.forEach(Mempool::close);
        Lcore.unregister();
    }



    private Mempool populated(int n, int cache, int flags) {
        Mempool p = track(Mempool.createEmpty(name(), n, 64, cache, 0, flags));
        assertEquals(n, p.populateDefault());
        return p;
    }

    @Test
    void s25SizeAndCacheLimits() {
        refused(IllegalArgumentException.class, () -> Mempool.createEmpty("s25a", 0, 64, 0, 0, 0), "n = 0");
        refused(IllegalArgumentException.class, () -> Mempool.createEmpty("s25b", 4096, 64, 544, 0, 0),
                "cacheSize = 544", "512");
        refused(IllegalArgumentException.class, () -> Mempool.createEmpty("s25c", 100, 64, 101, 0, 0),
                "cacheSize = 101", "n = 100", "v26.07");
        track(Mempool.createEmpty(name(), 100, 64, 100, 0, 0));
        refused(IllegalArgumentException.class, () -> Mempool.builder("s25d").size(100).cacheSize(68)
                .cachePolicy(CachePolicy.LTS_25_11).createEmpty(), "cacheSize = 68", "102", "LTS");
        track(Mempool.builder(name()).size(100).cacheSize(67).cachePolicy(CachePolicy.LTS_25_11).createEmpty());
    }

    @Test
    void s26FlagsAndNames() {
        refused(IllegalArgumentException.class, () -> Mempool.createEmpty("s26a", 64, 64, 0, 0, 0x80),
                "flags = 0x80", "0x2f");
        refused(IllegalArgumentException.class, () -> Mempool.createEmpty("s26b", 64, 64, 0, 0, Mempool.POOL_CREATED),
                "flags = 0x10");
        refused(IllegalArgumentException.class, () -> Mempool.createEmpty("s26c", 64, 64, 0, 0, Mempool.NON_IO),
                "flags = 0x40");
        String n = name();
        track(Mempool.createEmpty(n, 64, 64, 0, 0, 0));
        refused(NameInUseException.class, () -> Mempool.createEmpty(n, 64, 64, 0, 0, 0), n);
        refused(IllegalArgumentException.class, () -> Mempool.createEmpty("x".repeat(26), 64, 64, 0, 0, 0),
                "26 characters", "25");
        track(Mempool.createEmpty("y".repeat(25), 64, 64, 0, 0, 0));
        refused(IllegalArgumentException.class, () -> Mempool.createEmpty("s26d", 64, -1, 0, 0, 0), "eltSize = -1");
        refused(IllegalArgumentException.class, () -> Mempool.createEmpty("s26e", 64, 8, 0, -3, 0),
                "privateDataSize = -3");
    }

    @Test
    void s27TheDefaultDriverFollowsTheFlagsAndOpsAreChosenByName() {
        assertEquals("ring_sp_sc", track(Mempool.createEmpty(name(), 8, 8, 0, 0, Mempool.SP_PUT | Mempool.SC_GET))
                .opsName());
        assertEquals("ring_sp_mc", track(Mempool.createEmpty(name(), 8, 8, 0, 0, Mempool.SP_PUT)).opsName());
        assertEquals("ring_mp_sc", track(Mempool.createEmpty(name(), 8, 8, 0, 0, Mempool.SC_GET)).opsName());
        Mempool p = track(Mempool.createEmpty(name(), 8, 8, 0, 0, 0));
        assertEquals("ring_mp_mc", p.opsName());
        assertEquals(0, p.opsIndex());
        assertEquals(List.of("ring_mp_mc", "ring_sp_sc", "ring_mp_sc", "ring_sp_mc", "stack"),
                Mempool.opsNames().subList(0, 5));
        assertThrows(IllegalArgumentException.class, () -> p.setOpsByName("nope"));
        assertEquals("ring_mp_mc", p.opsName());
        p.setOpsByName("stack");
        assertEquals(4, p.opsIndex());
        assertEquals(8, p.populateDefault());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.setOpsByName("ring_mp_mc"));
        assertTrue(e.getMessage().contains("already populated"), e.getMessage());
        assertEquals("stack", p.opsName());
    }

    @Test
    void s28ObjectLayoutHeaderAndPrivateData() {
        Mempool p = track(Mempool.createEmpty(name(), 16, 64, 0, 100, 0));
        p.populateDefault();
        assertEquals(64, p.headerSize());
        assertEquals(0, p.objectSize() % 64);
        assertEquals(192, p.objectSize(), "a 64-byte element spreads to three lines");
        assertEquals(64, p.objectAlignment());
        long h = p.get();
        assertEquals(0, p.address(h) % 64);
        assertSame(p, Mempool.fromHandle(h).orElseThrow());
        assertEquals(100, p.privateData().byteSize());
        assertEquals(0, p.privateData().address() % 64);
        p.put(h);

        Mempool bare = track(Mempool.createEmpty(name(), 1, 8, 0, 0, Mempool.NO_CACHE_ALIGN));
        bare.populateDefault();
        assertEquals(ObjectLayout.OBJHDR_SIZE, bare.headerSize(), "header = bare objhdr");
        assertEquals(8, bare.objectAlignment());
        assertEquals(32 + 8 + 8, bare.objectSize());
        long b = bare.get();
        assertSame(bare, Mempool.fromHandle(b).orElseThrow());
        assertEquals(0, bare.address(b) % 8);
    }

    @Test
    void s29ObjInitRunsOncePerObjectInOrderAfterPoolInit() {
        List<Integer> order = new ArrayList<>();
        AtomicReference<Boolean> poolInitFirst = new AtomicReference<>();
        int n = 100;
        Mempool p = track(Mempool.create(name(), n, 32, 0, 0,
                pool -> poolInitFirst.set(pool.populatedSize() == 0),
                (pool, h, seg, off, idx) -> {
                    order.add(idx);
                    seg.asSlice(off, 32).fill((byte) 0);
                    seg.set(ValueLayout.JAVA_INT, off, idx);
                }, 0));
        assertTrue(poolInitFirst.get());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        assertEquals(expected, order);
        assertEquals(n, p.objIter((pool, h, seg, off, idx) -> { }));
        assertTrue(p.memIter((pool, chunk, idx) -> { }) >= 1);
        long[] all = new long[n];
        assertTrue(p.getBulk(all, 0, n));
        Set<Integer> seen = new HashSet<>();
        for (long h : all) {
            MemorySegment seg = p.segmentOf(h);
            long off = p.offset(h);
            int idx = seg.get(ValueLayout.JAVA_INT, off);
            assertEquals((int) h, idx);
            for (int i = 4; i < 32; i++) {
                assertEquals(0, seg.get(ValueLayout.JAVA_BYTE, off + i));
            }
            assertTrue(seen.add(idx));
        }
    }

    @Test
    void s30NoCacheFillDrainAndRefill() {
        int n = 64;
        Mempool p = populated(n, 0, 0);
        assertTrue(p.isFull());
        assertEquals(n, p.availCount());
        assertEquals(0, p.inUseCount());
        long[] got = new long[n];
        for (int i = 0; i < n; i++) {
            got[i] = p.get();
            assertNotEquals(Mempool.NULL_HANDLE, got[i]);
        }
        assertEquals(Mempool.NULL_HANDLE, p.get());
        assertTrue(p.isEmpty());
        assertEquals(n, p.inUseCount());
        for (long h : got) {
            p.put(h);
        }
        assertTrue(p.isFull());
    }

    @Test
    void s31BulkGetIsAllOrNothing() {
        int n = 64;
        Mempool p = populated(n, 0, 0);
        long[] objs = new long[n + 1];
        assertFalse(p.getBulk(objs, 0, n + 1));
        assertEquals(n, p.availCount());
        assertTrue(p.getBulk(objs, 0, n));
        assertEquals(0, p.availCount());
        p.putBulk(objs, 0, n);
    }

    @Test
    void s32DefaultCachesAreCountedUserCachesAreNot() {
        int n = 64;
        Mempool p = populated(n, 16, 0);
        Lcore.register();
        long h = p.get();
        assertEquals(n - 1, p.availCount());
        assertTrue(p.defaultCache().length() > 0);
        p.put(h);
        p.cacheFlush(null);
        MempoolCache user = MempoolCache.create(16);
        long[] one = new long[1];
        assertTrue(p.genericGet(one, 0, 1, user));
        assertEquals(n - 1, p.availCount() + user.length());
        p.genericPut(one, 0, 1, user);
        p.cacheFlush(user);
        assertEquals(n, p.availCount());
    }

    private void parkedObjectsBlockAnotherLcore(CachePolicy policy, int parked) throws Exception {
        int n = 2 * (16 + 512) - 1; // DPDK's MEMPOOL_SIZE for two lcores
        Mempool p = track(Mempool.builder(name()).size(n).elementSize(64).cacheSize(512).cachePolicy(policy)
                .createEmpty());
        p.populateDefault();
        CountDownLatch aParked = new CountDownLatch(1);
        CountDownLatch bTried = new CountDownLatch(1);
        CountDownLatch aFlushed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread a = new LcoreThread("lcore-A", () -> {
            try {
                long[] eight = new long[8];
                assertTrue(p.getBulk(eight, 0, 8));
                p.putBulk(eight, 0, 8);
                assertEquals(parked, p.defaultCache().length());
                aParked.countDown();
                bTried.await();
                p.cacheFlush(null);
                aFlushed.countDown();
            } catch (Throwable t) {
                failure.set(t);
                aParked.countDown();
                aFlushed.countDown();
            }
        });
        Thread b = new LcoreThread("lcore-B", () -> {
            try {
                aParked.await();
                long[] all = new long[n];
                assertEquals(n, p.availCount(), "A's cache is counted");
                assertFalse(p.getBulk(all, 0, n), "B cannot get what A's cache parks");
                bTried.countDown();
                aFlushed.await();
                assertTrue(p.getBulk(all, 0, n), "after A's flush B gets every object");
                p.putBulk(all, 0, n);
            } catch (Throwable t) {
                failure.set(t);
                bTried.countDown();
            }
        });
        a.start();
        b.start();
        a.join();
        b.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(n, p.availCount());
    }

    @Test
    void s33ObjectsParkedInOneLcoresCacheAreInvisibleToAnother() throws Exception {
        parkedObjectsBlockAnotherLcore(CachePolicy.V26_07, 256);
        parkedObjectsBlockAnotherLcore(CachePolicy.LTS_25_11, 520);
    }

    @Test
    void s34PopulateReturnValues() {
        Mempool p = track(Mempool.createEmpty(name(), 16, 64, 0, 0, 0));
        assertEquals(16, p.populateDefault());
        assertEquals(Errno.EEXIST, p.populateDefault());
        try (Arena a = Arena.ofConfined()) {
            assertEquals(Errno.ENOSPC, p.populate(a.allocate(4096)));
        }
        Mempool q = track(Mempool.createEmpty(name(), 16, 64, 0, 0, 0));
        try (Arena a = Arena.ofShared()) {
            assertEquals(0, q.populate(a.allocate(100, 64)), "a chunk smaller than one object adds none");
            assertEquals(4, q.populate(a.allocate(4 * 192, 64)));
            assertEquals(12, q.populate(a.allocate(100 * 192, 64)), "never more than the pool's size");
            assertEquals(16, q.populatedSize());
            assertEquals(2, q.memIter((pool, c, i) -> { }), "the chunk too small for one object is not kept");
            long[] all = new long[16];
            assertTrue(q.getBulk(all, 0, 16));
            q.putBulk(all, 0, 16);
            q.close();
        }
    }

    @Test
    void s35EventsFireAtFullPopulationAndFree() {
        List<String> seen = new ArrayList<>();
        MempoolEventListener l = (e, p) -> seen.add(e + " " + p.name());
        MempoolEventListener silent = (e, p) -> seen.add("removed listener called");
        assertEquals(0, Mempool.addEventListener(l));
        assertEquals(Errno.EEXIST, Mempool.addEventListener(l));
        assertEquals(0, Mempool.addEventListener(silent));
        assertEquals(0, Mempool.removeEventListener(silent));
        assertEquals(-2, Mempool.removeEventListener(silent));
        try (Arena a = Arena.ofShared()) {
            String n = name();
            Mempool p = Mempool.createEmpty(n, 8, 64, 0, 0, 0);
            p.populate(a.allocate(4 * 192, 64));
            assertEquals(List.of(), seen, "no READY before the pool is full");
            p.populate(a.allocate(4 * 192, 64));
            assertEquals(List.of("READY " + n), seen);
            p.close();
            assertEquals(List.of("READY " + n, "DESTROY " + n), seen);
        } finally {
            Mempool.removeEventListener(l);
        }
    }

    @Test
    void s36NonIoFollowsTheChunksIova() {
        Mempool p = track(Mempool.createEmpty(name(), 8, 64, 0, 0, 0));
        assertTrue((p.flags() & Mempool.NON_IO) != 0, "set by create");
        try (Arena a = Arena.ofShared()) {
            p.populate(a.allocate(4 * 192, 64));
            assertTrue((p.flags() & Mempool.NON_IO) != 0, "kept by a BAD_IOVA chunk");
            MemorySegment c = a.allocate(4 * 192, 64);
            p.populateIova(c, 0x1000_0000L);
            assertEquals(0, p.flags() & Mempool.NON_IO, "cleared by a chunk with a valid IOVA");
            p.close();
        }
        Mempool q = track(Mempool.createEmpty(name(), 8, 64, 0, 0, Mempool.NO_IOVA_CONTIG));
        q.populateDefault();
        assertTrue((q.flags() & Mempool.NON_IO) != 0, "kept with NO_IOVA_CONTIG");
        Mempool r = populated(8, 0, 0);
        assertEquals(0, r.flags() & Mempool.NON_IO, "populateDefault's memory has an IOVA (IOVA as VA)");
        assertEquals(Mempool.POOL_CREATED, r.flags() & Mempool.POOL_CREATED);
    }

    @Test
    void s37MemRangeAndAlignment() {
        Mempool empty = track(Mempool.createEmpty(name(), 8, 64, 0, 0, 0));
        assertThrows(IllegalStateException.class, empty::memRange);
        Mempool p = populated(100, 0, 0);
        Mempool.MemRange range = p.memRange();
        assertTrue(range.length() >= 100L * 64);
        assertTrue(range.contiguous());
        Mempool one = populated(1, 0, 0);
        assertTrue(one.memRange().contiguous());
        assertEquals(64, one.objectAlignment());
    }

    @Test
    void s38FreeUnlinksTheNameAndACallAfterFreeThrows() {
        String n = name();
        Mempool p = Mempool.createEmpty(n, 8, 64, 0, 0, 0);
        p.populateDefault();
        long h = p.get();
        MemorySegment seg = p.segmentOf(h);
        long off = p.offset(h);
        assertSame(p, Mempool.lookup(n).orElseThrow());
        assertTrue(Ring.lookup("MP_" + n).isPresent(), "the ring driver's ring is named MP_<name>");
        p.free();
        assertTrue(Mempool.lookup(n).isEmpty());
        assertTrue(Ring.lookup("MP_" + n).isEmpty());
        p.close(); // a second free does nothing
        assertThrows(IllegalStateException.class, p::get);
        assertThrows(IllegalStateException.class, () -> p.put(h));
        assertThrows(IllegalStateException.class, p::availCount);
        assertThrows(IllegalStateException.class, () -> seg.get(ValueLayout.JAVA_LONG, off), "memory is released");
        track(Mempool.createEmpty(n, 8, 64, 0, 0, 0)); // the name is free again
    }

    @Test
    void s39CacheBoundsAndDefaultCaches() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> MempoolCache.create(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MempoolCache.create(513));
        assertTrue(e.getMessage().contains("size = 513"), e.getMessage());
        Mempool noCache = populated(16, 0, 0);
        Lcore.register();
        assertNull(noCache.defaultCache(), "no default cache when the cache size is 0");
        Mempool cached = populated(16, 8, 0);
        assertTrue(cached.defaultCache() != null);
        Lcore.unregister();
        assertNull(cached.defaultCache(), "no default cache on a thread without an lcore id");
        AtomicReference<MempoolCache> fromVirtual = new AtomicReference<>();
        AtomicReference<Throwable> registerFailure = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            fromVirtual.set(cached.defaultCache());
            try {
                Lcore.register();
            } catch (IllegalStateException ex) {
                registerFailure.set(ex);
            }
        }).join();
        assertNull(fromVirtual.get(), "virtual threads get no cache");
        assertTrue(registerFailure.get() != null, "virtual threads cannot register");
    }

    @Test
    void s40SpScPoolWithoutCacheAlignTradesThroughATable() throws Exception {
        int n = 64;
        Mempool p = populated(n, 0, Mempool.NO_CACHE_ALIGN | Mempool.SP_PUT | Mempool.SC_GET);
        assertEquals("ring_sp_sc", p.opsName());
        try (Ring table = Ring.create("s40-table", 16, Ring.SP_ENQ | Ring.SC_DEQ)) {
            int rounds = 20_000;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread producer = Thread.ofPlatform().start(() -> { // the only getter
                try {
                    for (int i = 0; i < rounds; i++) {
                        long h;
                        while ((h = p.get()) == Mempool.NULL_HANDLE) {
                            Thread.onSpinWait();
                        }
                        p.segmentOf(h).set(ValueLayout.JAVA_INT_UNALIGNED, p.offset(h), i);
                        while (!table.enqueue(h)) {
                            Thread.onSpinWait();
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            Thread consumer = Thread.ofPlatform().start(() -> { // the only putter
                try {
                    long[] one = new long[1];
                    for (int i = 0; i < rounds; i++) {
                        while (!table.dequeue(one, 0)) {
                            Thread.onSpinWait();
                        }
                        assertSame(p, Mempool.fromHandle(one[0]).orElseThrow());
                        assertEquals(i, p.segmentOf(one[0]).get(ValueLayout.JAVA_INT_UNALIGNED, p.offset(one[0])));
                        p.put(one[0]);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            producer.join();
            consumer.join();
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
        }
        assertEquals(n, p.availCount());
        long[] all = new long[n];
        assertTrue(p.getBulk(all, 0, n));
        assertEquals(n, java.util.Arrays.stream(all).distinct().count(), "nothing lost or duplicated");
    }

    @Test
    void bugA2833ecc5eAGetSucceedsIffCacheAndBackendHoldEnoughAndCachedObjectsComeFirst() {
        for (CachePolicy policy : CachePolicy.values()) {
            Mempool p = track(Mempool.builder(name()).size(96).elementSize(8).cacheSize(32).cachePolicy(policy)
                    .createEmpty());
            p.populateDefault();
            Lcore.register();
            long[] some = new long[40];
            assertTrue(p.getBulk(some, 0, 40));
            p.putBulk(some, 0, 10); // on top of the cache (LTS: after the 32 its refill left)
            int cached = p.defaultCache().length();
            int backend = p.commonPoolCount();
            long[] all = new long[cached + backend + 1];
            assertFalse(p.getBulk(all, 0, cached + backend + 1));
            assertEquals(cached, p.defaultCache().length(), "the failed get restored the cache");
            assertTrue(p.getBulk(all, 0, cached + backend), "cache + backend is enough, whatever the split");
            for (int i = 0; i < 10; i++) {
                assertEquals(some[9 - i], all[i], "cached objects come first, hottest first");
            }
            p.putBulk(all, 0, cached + backend);
            p.putBulk(some, 10, 30);
            p.cacheFlush(null);
            assertEquals(96, p.availCount());
            Lcore.unregister();
        }
    }

    @Test
    void bug459531c958TheObjectsJustPutComeOutFirstAfterAnOverflowingPut() {
        for (CachePolicy policy : CachePolicy.values()) {
            Mempool p = track(Mempool.builder(name()).size(64).elementSize(8).cacheSize(8).cachePolicy(policy)
                    .createEmpty());
            p.populateDefault();
            Lcore.register();
            long[] held = new long[24];
            assertTrue(p.getBulk(held, 0, 24));
            MempoolCache cache = p.defaultCache();
            int limit = policy == CachePolicy.V26_07 ? 8 : 12; // the size, or the LTS flush threshold
            int fill = limit - cache.length();
            p.putBulk(held, 0, fill);
            assertEquals(limit, cache.length(), policy + ": reaching the limit does not flush");
            p.putBulk(held, fill, 3); // overflows: v26.07 flushes half, LTS flushes all
            long[] back = new long[3];
            assertTrue(p.getBulk(back, 0, 3));
            assertArrayEquals(new long[] {held[fill + 2], held[fill + 1], held[fill]}, back,
                    policy + ": the objects just put come out first");
            assertTrue(cache.length() <= limit);
            p.putBulk(back, 0, 3);
            p.putBulk(held, fill + 3, 24 - fill - 3);
            p.cacheFlush(null);
            assertEquals(64, p.availCount());
            Lcore.unregister();
        }
    }

    @Test
    void foreignStaleAndNullHandlesAreRefusedAndChangeNothing() {
        Mempool a = populated(32, 8, 0);
        Mempool b = populated(32, 8, 0);
        Lcore.register();
        long fromB = b.get();
        long[] mixed = {a.get(), fromB, a.get()};
        int availBefore = a.availCount();
        ForeignHandleException e = assertThrows(ForeignHandleException.class, () -> a.putBulk(mixed, 0, 3));
        assertTrue(e.getMessage().contains(a.name()) && e.getMessage().contains(Long.toHexString(fromB)),
                e.getMessage());
        assertEquals(availBefore, a.availCount(), "a refused put returned nothing");
        assertThrows(ForeignHandleException.class, () -> a.put(fromB));
        assertThrows(ForeignHandleException.class, () -> a.put(Mempool.NULL_HANDLE));
        assertThrows(ForeignHandleException.class, () -> a.put(mixed[0] + 1000));
        assertThrows(ForeignHandleException.class, () -> a.segmentOf(fromB));
        b.put(fromB);
        a.put(mixed[0]);
        a.put(mixed[2]);
        String staleName = name();
        Mempool stale = Mempool.createEmpty(staleName, 8, 8, 0, 0, 0);
        stale.populateDefault();
        long old = stale.get();
        stale.close();
        Mempool reborn = track(Mempool.createEmpty(staleName, 8, 8, 0, 0, 0));
        reborn.populateDefault();
        assertThrows(ForeignHandleException.class, () -> reborn.put(old), "a handle of a freed pool of the same name");
        MempoolCache userOfA = MempoolCache.create(8);
        long[] one = new long[1];
        assertTrue(a.genericGet(one, 0, 1, userOfA));
        assertThrows(IllegalArgumentException.class, () -> b.genericGet(new long[1], 0, 1, userOfA),
                "a cache holding a's objects is refused by b");
        assertThrows(IllegalArgumentException.class, () -> b.genericPut(new long[1], 0, 1, a.defaultCache()));
        a.genericPut(one, 0, 1, userOfA);
        a.cacheFlush(userOfA);
        userOfA.free();
        assertThrows(IllegalStateException.class, () -> a.genericGet(one, 0, 1, userOfA));
    }

    @Test
    void badArgumentsToGetAndPutAreRefusedAndChangeNothing() {
        Mempool p = populated(16, 0, 0);
        long[] four = new long[4];
        assertThrows(IllegalArgumentException.class, () -> p.getBulk(four, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> p.getBulk(four, 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> p.putBulk(four, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> p.genericPut(four, 0, -2, null));
        assertThrows(NullPointerException.class, () -> p.populate(null));
        assertEquals(16, p.availCount());
    }
}
