package io.jmempool.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.Recycler;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.FastThreadLocalThread;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import stormpot.Allocator;
import stormpot.BasePoolable;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * The Java peers of the M1 and M2 scenarios: five object pools of {@value #POOL_SIZE} objects of
 * {@value #OBJECT_SIZE} bytes, each behind the same cycle as DPDK's {@code rte_mempool_get_bulk(n)} then
 * {@code rte_mempool_put_bulk(n)}: take {@code n} objects, then give them back. {@link M1Pool} (one thread) and
 * {@link M2Pool} (two threads on one pool) call the cycles below, so the two scenarios measure the same code.
 *
 * <p>Each pool is a {@link Scope#Benchmark} state, so that M2's two threads share it, and exists only in the forks of
 * the benchmarks that use it (no pool's background thread disturbs another benchmark). The objects taken are held in
 * the per-thread {@link Hands}. Every pooled object carries a 64-byte off-heap block, as a mempool element would; the
 * cycles never touch it, as the DPDK harness does not.
 *
 * <p>Allocation in the measured loop: none for the Netty pools (once their per-thread caches are warm), Stormpot and
 * the JCTools queue. commons-pool2 allocates by design on every borrow and return (timestamps, a deque node, an
 * identity wrapper for the lookup of the returned object); its {@code gc.alloc.rate.norm} shows it.
 */
public final class PoolPeers {
    /** Objects in every pool. */
    public static final int POOL_SIZE = 8192;
    /** Bytes per object. */
    public static final int OBJECT_SIZE = 64;
    /** Largest n of any scenario. */
    public static final int MAX_BURST = 128;

    private PoolPeers() {
    }

    /** The objects one benchmark thread holds between its take and its give-back, one array per pool type. */
    @State(Scope.Thread)
    public static class Hands {
        final RecycledObject[] recycled = new RecycledObject[MAX_BURST];
        final ByteBuf[] bufs = new ByteBuf[MAX_BURST];
        final StormpotObject[] claimed = new StormpotObject[MAX_BURST];
        final CommonsObject[] borrowed = new CommonsObject[MAX_BURST];
        final MemorySegment[] slices = new MemorySegment[MAX_BURST];
        // JCTools' batch calls take a lambda-like object; one per thread, reused, so nothing is allocated per call.
        final SliceTaker taker = new SliceTaker(slices);
        final SliceGiver giver = new SliceGiver(slices);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Netty Recycler

    /** An object of a Netty {@link Recycler}: a 64-byte block and the handle that takes it back. */
    public static final class RecycledObject {
        final Recycler.Handle<RecycledObject> handle;
        final MemorySegment data;

        RecycledObject(Recycler.Handle<RecycledObject> handle, MemorySegment data) {
            this.handle = handle;
            this.data = data;
        }
    }

    /**
     * A Netty {@link Recycler} holding up to {@value #POOL_SIZE} objects per thread, every object recyclable (ratio
     * 0; Netty's default keeps only one new object in eight and lets the others become garbage), with a per-thread
     * batch of {@value #MAX_BURST} (Netty's default of 32 sends the rest of a larger give-back through a chunked
     * queue that allocates a new chunk every 32 objects).
     */
    @State(Scope.Benchmark)
    public static class NettyRecycler {
        Arena arena;
        Recycler<RecycledObject> recycler;

        @Setup(Level.Trial)
        public void setUp() {
            requireFastThreadLocalThread("Netty Recycler");
            arena = Arena.ofShared();
            Arena a = arena;
            recycler = new Recycler<>(POOL_SIZE, 0, MAX_BURST) {
                @Override
                protected RecycledObject newObject(Handle<RecycledObject> handle) {
                    return new RecycledObject(handle, a.allocate(OBJECT_SIZE, OBJECT_SIZE));
                }
            };
            // Proof that the pool reuses on this thread: a second round of MAX_BURST gets hands back the same objects.
            RecycledObject[] first = new RecycledObject[MAX_BURST];
            Set<RecycledObject> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < MAX_BURST; i++) {
                first[i] = recycler.get();
                seen.add(first[i]);
            }
            for (RecycledObject o : first) {
                o.handle.recycle(o);
            }
            for (int i = 0; i < MAX_BURST; i++) {
                first[i] = recycler.get();
                if (!seen.contains(first[i])) {
                    throw new IllegalStateException("Netty Recycler does not reuse objects on thread "
                            + Thread.currentThread() + ": the comparison would measure allocation");
                }
            }
            for (RecycledObject o : first) {
                o.handle.recycle(o);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    static void cycle(NettyRecycler pool, Hands hands, int n) {
        Recycler<RecycledObject> r = pool.recycler;
        RecycledObject[] held = hands.recycled;
        for (int i = 0; i < n; i++) {
            held[i] = r.get();
        }
        for (int i = 0; i < n; i++) {
            held[i].handle.recycle(held[i]);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Netty PooledByteBufAllocator

    /**
     * Netty's {@link PooledByteBufAllocator} handing out direct buffers of 64 bytes, with its default arenas and
     * per-thread caches. It has no fixed object count: its arenas grow on demand. Leak detection is switched off
     * (its default samples one buffer in 128 and allocates a tracker for it). Its buffer objects come from Netty's
     * internal recyclers, whose batch the forks raise to 128 ({@code -Dio.netty.recycler.chunkSize=128}), for the
     * reason given at {@link NettyRecycler}.
     */
    @State(Scope.Benchmark)
    public static class NettyPooledDirect {
        PooledByteBufAllocator allocator;

        @Setup(Level.Trial)
        public void setUp() {
            requireFastThreadLocalThread("Netty PooledByteBufAllocator");
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
            allocator = new PooledByteBufAllocator(true);
            ByteBuf b = allocator.directBuffer(OBJECT_SIZE, OBJECT_SIZE);
            long address = b.memoryAddress();
            b.release();
            ByteBuf again = allocator.directBuffer(OBJECT_SIZE, OBJECT_SIZE);
            boolean reused = again.memoryAddress() == address;
            again.release();
            int caches = allocator.metric().numThreadLocalCaches();
            if (!b.isDirect() || caches == 0 || !reused) {
                throw new IllegalStateException("Netty PooledByteBufAllocator does not cache on thread "
                        + Thread.currentThread() + " (direct " + b.isDirect() + ", thread caches " + caches
                        + ", same memory again " + reused + ")");
            }
        }
    }

    static void cycle(NettyPooledDirect pool, Hands hands, int n) {
        PooledByteBufAllocator a = pool.allocator;
        ByteBuf[] held = hands.bufs;
        for (int i = 0; i < n; i++) {
            held[i] = a.directBuffer(OBJECT_SIZE, OBJECT_SIZE);
        }
        for (int i = 0; i < n; i++) {
            held[i].release();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Stormpot

    /** A Stormpot object: a 64-byte block and the slot it goes back to. */
    public static final class StormpotObject extends BasePoolable {
        final MemorySegment data;

        StormpotObject(Slot slot, MemorySegment data) {
            super(slot);
            this.data = data;
        }
    }

    /**
     * A Stormpot pool of {@value #POOL_SIZE} objects that never expire (its default expires objects after 8 to 10
     * minutes and checks the age on every claim), filled before the first measurement.
     */
    @State(Scope.Benchmark)
    public static class Stormpot {
        Arena arena;
        Pool<StormpotObject> pool;
        final Timeout timeout = new Timeout(10, TimeUnit.SECONDS);

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            arena = Arena.ofShared();
            Arena a = arena;
            pool = Pool.from(new Allocator<StormpotObject>() {
                @Override
                public StormpotObject allocate(Slot slot) {
                    return new StormpotObject(slot, a.allocate(OBJECT_SIZE, OBJECT_SIZE));
                }

                @Override
                public void deallocate(StormpotObject o) {
                }
            }).setSize(POOL_SIZE).setExpiration(Expiration.never()).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pool.getManagedPool().getAllocationCount() < POOL_SIZE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Stormpot allocated only "
                            + pool.getManagedPool().getAllocationCount() + " of " + POOL_SIZE + " objects in 30 s");
                }
                Thread.sleep(5);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            pool.shutdown().await(timeout);
            arena.close();
        }
    }

    static void cycle(Stormpot pool, Hands hands, int n) throws InterruptedException {
        Pool<StormpotObject> p = pool.pool;
        Timeout t = pool.timeout;
        StormpotObject[] held = hands.claimed;
        for (int i = 0; i < n; i++) {
            StormpotObject o = p.claim(t);
            if (o == null) {
                throw new IllegalStateException("Stormpot: no object within " + t.getTimeout() + " " + t.getUnit());
            }
            held[i] = o;
        }
        for (int i = 0; i < n; i++) {
            held[i].release();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Apache commons-pool2

    /** A commons-pool2 object: a 64-byte block (the pool tracks it in a wrapper of its own). */
    public static final class CommonsObject {
        final MemorySegment data;

        CommonsObject(MemorySegment data) {
            this.data = data;
        }
    }

    /**
     * A commons-pool2 {@link GenericObjectPool} of {@value #POOL_SIZE} objects, all created in set-up; no JMX, no
     * validation, no blocking when exhausted (it never is).
     */
    @State(Scope.Benchmark)
    public static class CommonsPool2 {
        Arena arena;
        GenericObjectPool<CommonsObject> pool;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            arena = Arena.ofShared();
            Arena a = arena;
            GenericObjectPoolConfig<CommonsObject> config = new GenericObjectPoolConfig<>();
            config.setMaxTotal(POOL_SIZE);
            config.setMaxIdle(POOL_SIZE);
            config.setBlockWhenExhausted(false);
            config.setJmxEnabled(false);
            pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
                @Override
                public CommonsObject create() {
                    return new CommonsObject(a.allocate(OBJECT_SIZE, OBJECT_SIZE));
                }

                @Override
                public PooledObject<CommonsObject> wrap(CommonsObject o) {
                    return new DefaultPooledObject<>(o);
                }
            }, config);
            pool.addObjects(POOL_SIZE);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.close();
            arena.close();
        }
    }

    static void cycle(CommonsPool2 pool, Hands hands, int n) throws Exception {
        GenericObjectPool<CommonsObject> p = pool.pool;
        CommonsObject[] held = hands.borrowed;
        for (int i = 0; i < n; i++) {
            held[i] = p.borrowObject();
        }
        for (int i = 0; i < n; i++) {
            p.returnObject(held[i]);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // JCTools MpmcArrayQueue of off-heap slices: the "pool on a lock-free queue" a Java programmer would write first.

    /**
     * A JCTools {@link MpmcArrayQueue} of {@value #POOL_SIZE} slices of 64 bytes of one off-heap block. n = 1 uses
     * {@code poll}/{@code offer}; larger n use {@code drain}/{@code fill}, which may move fewer than asked when
     * another thread is in the middle of an operation, so the cycle repeats them until all n have moved.
     */
    @State(Scope.Benchmark)
    public static class JctoolsSlices {
        Arena arena;
        MpmcArrayQueue<MemorySegment> queue;

        @Setup(Level.Trial)
        public void setUp() {
            arena = Arena.ofShared();
            MemorySegment block = arena.allocate((long) POOL_SIZE * OBJECT_SIZE, OBJECT_SIZE);
            queue = new MpmcArrayQueue<>(POOL_SIZE);
            for (int i = 0; i < POOL_SIZE; i++) {
                if (!queue.offer(block.asSlice((long) i * OBJECT_SIZE, OBJECT_SIZE))) {
                    throw new IllegalStateException("JCTools queue took only " + i + " of " + POOL_SIZE + " slices");
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    static final class SliceTaker implements MessagePassingQueue.Consumer<MemorySegment> {
        final MemorySegment[] held;
        int next;

        SliceTaker(MemorySegment[] held) {
            this.held = held;
        }

        @Override
        public void accept(MemorySegment s) {
            held[next++] = s;
        }
    }

    static final class SliceGiver implements MessagePassingQueue.Supplier<MemorySegment> {
        final MemorySegment[] held;
        int next;

        SliceGiver(MemorySegment[] held) {
            this.held = held;
        }

        @Override
        public MemorySegment get() {
            return held[next++];
        }
    }

    static void cycle(JctoolsSlices pool, Hands hands, int n) {
        MpmcArrayQueue<MemorySegment> q = pool.queue;
        if (n == 1) {
            MemorySegment s;
            while ((s = q.poll()) == null) {
                Thread.onSpinWait();
            }
            hands.slices[0] = s;
            while (!q.offer(s)) {
                Thread.onSpinWait();
            }
            return;
        }
        SliceTaker taker = hands.taker;
        taker.next = 0;
        while (taker.next < n) {
            q.drain(taker, n - taker.next);
        }
        SliceGiver giver = hands.giver;
        giver.next = 0;
        while (giver.next < n) {
            q.fill(giver, n - giver.next);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void requireFastThreadLocalThread(String what) {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
            throw new IllegalStateException(what + " pools only on Netty's FastThreadLocalThread, and this benchmark "
                    + "runs on " + Thread.currentThread() + ": run the fork with -Djmh.executor=CUSTOM "
                    + "-Djmh.executor.class=" + FastThreadExecutor.class.getName()
                    + " (the class's @Fork does; -jvmArgsAppend on the command line replaces it)");
        }
    }
}
