package io.jmempool.properties.mempool;

import io.jmempool.mempool.Lcore;
import io.jmempool.mempool.Mempool;
import io.jmempool.mempool.MempoolCache;
import io.jmempool.mempool.MempoolStats;
import io.jmempool.properties.mempool.BadPoolCall.Defect;
import io.jmempool.properties.mempool.BadPoolCall.Entry;
import io.jmempool.properties.mempool.PoolCommand.Bad;
import io.jmempool.properties.mempool.PoolCommand.Flush;
import io.jmempool.properties.mempool.PoolCommand.Get;
import io.jmempool.properties.mempool.PoolCommand.Misuse;
import io.jmempool.properties.mempool.PoolCommand.MisuseKind;
import io.jmempool.properties.mempool.PoolCommand.Put;
import io.jmempool.properties.mempool.PoolCommand.ResetStats;
import io.jmempool.properties.mempool.PoolCommand.Route;
import io.jmempool.properties.mempool.PoolCommand.Via;
import io.jmempool.properties.mempool.PoolTrace.Outcome;
import io.jmempool.properties.mempool.PoolTrace.Snapshot;
import io.jmempool.properties.mempool.PoolTrace.Step;
import io.jmempool.properties.mempool.PoolTrace.Thrown;
import io.jmempool.properties.mempool.RecordingDriver.Transfer;
import io.jmempool.ring.Ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a scenario on a fresh pool, single-threaded in effect, and records a {@link PoolTrace}. The test thread holds
 * an lcore id for the run; a helper thread holding a second one makes the {@link Route#LCORE2} calls, one at a time,
 * while the test thread waits. Caller arrays start filled with a sentinel, so a write outside the range a call
 * reports is recorded as damage. After the commands a drain flushes every cache, returns every held object and takes
 * all n objects back through no cache, so that whatever was left anywhere is checked too. The pool is freed at the
 * end and must then be gone from the registry.
 */
final class PoolRunner {
    static final long SENTINEL = 0xF00D_F00D_F00D_F00DL;
    private static final AtomicLong NAMES = new AtomicLong();
    private static final ExecutorService LCORE2 = Executors.newSingleThreadExecutor(task -> {
        Thread t = Lcore.threadFactory("pbt-lcore2").newThread(task);
        t.setDaemon(true);
        return t;
    });

    private final PoolConfig config;
    private final Mempool pool;
    private final List<MempoolCache> userCaches = new ArrayList<>();
    private final MempoolCache lcore2Cache;
    private final RecordingDriver.Backend backend;
    private final List<Long> handles = new ArrayList<>();
    /** Objects the caller holds, in the order they were got. */
    private final List<Long> held = new ArrayList<>();
    private boolean closed;

    private PoolRunner(PoolConfig config) {
        this.config = config;
        this.pool = config.create("pbt" + NAMES.incrementAndGet());
        for (int size : config.userCaches()) {
            userCaches.add(MempoolCache.create(size));
        }
        pool.objIter((p, h, seg, off, idx) -> handles.add(h));
        Handles.currentTagBase = handles.get(0) & 0xFFFF_FFFF_0000_0000L;
        this.backend = RecordingDriver.of(pool);
        if (config.recording() != (backend != null)) {
            throw new AssertionError("recording backend " + backend + " for " + config);
        }
        if (backend != null) {
            backend.drainLog(); // populate's one-object enqueues; the stats law counts them from n
        }
        this.lcore2Cache = on(Via.LCORE2, pool::defaultCache);
        if (lcore2Cache != null && lcore2Cache == pool.defaultCache()) {
            throw new AssertionError("the two lcores share a default cache");
        }
    }

    static PoolTrace run(PoolScenario scenario) {
        RecordingDriver.ensureRegistered();
        Strangers.OTHER.name(); // made before any registry is compared
        Lcore.register();
        PoolRunner r = null;
        try {
            r = new PoolRunner(scenario.config());
            return r.runAll(scenario);
        } finally {
            if (r != null) {
                r.dispose();
            }
            Lcore.unregister();
        }
    }

    /** Flush every cache, return every held object, take all n through no cache and return them. */
    static List<PoolCommand> drain(PoolConfig c) {
        List<PoolCommand> d = new ArrayList<>();
        d.add(new Flush(Via.DEFAULT));
        d.add(new Flush(Via.LCORE2));
        for (int i = 0; i < c.userCaches().size(); i++) {
            d.add(new Flush(new Via(Route.USER, i)));
        }
        d.add(new Put(Via.NONE, false, c.n(), 0, 0, 0));
        d.add(new Get(Via.NONE, false, c.n(), 0, 0));
        d.add(new Put(Via.NONE, false, c.n(), 0, 0, 0));
        return d;
    }

    private PoolTrace runAll(PoolScenario scenario) {
        Snapshot initial = snapshot();
        List<Step> steps = new ArrayList<>();
        List<PoolCommand> all = new ArrayList<>(scenario.commands());
        all.addAll(drain(config));
        for (PoolCommand c : all) {
            if (closed) {
                break;
            }
            Outcome o = execute(c);
            steps.add(new Step(c, o, closed ? null : snapshot()));
        }
        return new PoolTrace(scenario, pool.name(), List.copyOf(handles), initial, List.copyOf(steps));
    }

    private void dispose() {
        pool.close();
        for (MempoolCache c : userCaches) {
            c.free();
        }
        if (Mempool.lookup(pool.name()).isPresent() || Mempool.list().contains(pool) || RecordingDriver.of(pool) != null
                || Ring.lookup("MP_" + pool.name()).isPresent()) {
            throw new AssertionError("a freed pool, its ring or its backend is still registered: " + pool);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private Outcome execute(PoolCommand c) {
        return switch (c) {
            case Get g -> get(g);
            case Put p -> put(p);
            case Flush f -> {
                Thrown t = call(() -> {
                    switch (f.via().route()) {
                        case DEFAULT, LCORE2, NONE -> on(f.via(), () -> {
                            pool.cacheFlush(null);
                            return null;
                        });
                        default -> pool.cacheFlush(cacheOf(f.via()));
                    }
                });
                yield new Outcome(false, null, List.of(), List.of(), null, t, null, null, transfers(), List.of());
            }
            case ResetStats r -> {
                Thrown t = call(pool::statsReset);
                yield new Outcome(false, null, List.of(), List.of(), null, t, null, null, transfers(), List.of());
            }
            case Misuse m -> misuse(m);
            case Bad b -> bad(b.call());
        };
    }

    private Outcome get(Get g) {
        List<String> damage = new ArrayList<>();
        List<Long> got = new ArrayList<>();
        Boolean ok = null;
        Thrown thrown = null;
        try {
            if (g.single()) {
                long h = on(g.via(), pool::get);
                ok = h != Mempool.NULL_HANDLE;
                if (ok) {
                    got.add(h);
                }
            } else {
                long[] a = new long[g.off() + g.n() + g.slack()];
                Arrays.fill(a, SENTINEL);
                ok = on(g.via(), () -> switch (g.via().route()) {
                    case DEFAULT, LCORE2 -> pool.getBulk(a, g.off(), g.n());
                    default -> pool.genericGet(a, g.off(), g.n(), cacheOf(g.via()));
                });
                for (int j = 0; j < a.length; j++) {
                    boolean inRange = j >= g.off() && j < g.off() + g.n();
                    if (inRange && ok) {
                        got.add(a[j]);
                    } else if (!inRange && a[j] != SENTINEL) {
                        damage.add("wrote objs[" + j + "] outside [" + g.off() + ", " + (g.off() + g.n()) + ")");
                    }
                }
            }
        } catch (RuntimeException e) {
            thrown = Thrown.of(e);
        }
        held.addAll(got);
        return new Outcome(false, ok, List.of(), List.copyOf(got), null, thrown, null, null, transfers(), damage);
    }

    private Outcome put(Put p) {
        if (p.single() && held.isEmpty()) {
            return Outcome.skip();
        }
        int k = p.single() ? 1 : Math.min(p.n(), held.size());
        int from = held.isEmpty() ? 0 : p.from() % held.size();
        List<Long> batch = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            batch.add(held.get((from + i) % held.size()));
        }
        List<String> damage = new ArrayList<>();
        Thrown thrown = putBatch(p.via(), p.single(), batch, p.off(), p.slack(), damage);
        if (thrown == null) {
            held.removeAll(batch);
        }
        return new Outcome(false, null, List.copyOf(batch), List.of(), null, thrown, null, null, transfers(), damage);
    }

    /** Puts a batch through the route, in an array with sentinels around it; returns what it threw. */
    private Thrown putBatch(Via via, boolean single, List<Long> batch, int off, int slack, List<String> damage) {
        long[] a = new long[off + batch.size() + slack];
        Arrays.fill(a, SENTINEL);
        for (int i = 0; i < batch.size(); i++) {
            a[off + i] = batch.get(i);
        }
        long[] before = a.clone();
        Thrown t = call(() -> on(via, () -> {
            if (single) {
                pool.put(batch.get(0));
            } else {
                switch (via.route()) {
                    case DEFAULT, LCORE2 -> pool.putBulk(a, off, batch.size());
                    default -> pool.genericPut(a, off, batch.size(), cacheOf(via));
                }
            }
            return null;
        }));
        if (!Arrays.equals(before, a)) {
            damage.add("wrote the source array");
        }
        return t;
    }

    private Outcome misuse(Misuse m) {
        List<Long> free = new ArrayList<>(handles);
        free.removeAll(new HashSet<>(held));
        int k = Math.min(m.n(), held.size());
        List<Long> batch = new ArrayList<>(held.subList(0, k));
        long culprit;
        switch (m.kind()) {
            case DOUBLE_PUT -> {
                if (free.isEmpty()) {
                    return Outcome.skip();
                }
                culprit = free.get(m.pick() % free.size());
                batch.add(m.pos() % (k + 1), culprit);
            }
            case FOREIGN_HANDLE -> {
                culprit = Strangers.foreign(m.foreign(), pool, handles.get(0));
                batch.add(m.pos() % (k + 1), culprit);
            }
            case DUPLICATE_IN_BATCH -> {
                if (held.isEmpty()) {
                    return Outcome.skip();
                }
                batch = new ArrayList<>(held.subList(0, Math.max(1, k)));
                int d = m.pick() % batch.size();
                culprit = batch.get(d);
                batch.add(d + 1 + m.pos() % (batch.size() - d), culprit); // after its first occurrence
            }
            case OVERRUN -> {
                if (held.isEmpty()) {
                    return Outcome.skip();
                }
                batch = new ArrayList<>(held.subList(0, Math.max(1, k)));
                culprit = batch.get(m.pick() % batch.size());
            }
            default -> throw new AssertionError(m.kind());
        }
        if (m.single()) {
            batch = List.of(culprit);
        }
        List<String> damage = new ArrayList<>();
        Thrown audit = null;
        Thrown thrown;
        if (m.kind() == MisuseKind.OVERRUN) {
            // From the element's end through `past` bytes of the trailer cookie, which lies at the element size
            // rounded up to 8 (dpdk-behaviour.md §2.1).
            long elt = pool.offset(culprit);
            long from = elt + config.eltSize();
            long to = elt + (config.eltSize() + 7) / 8 * 8 + m.past();
            MemorySegment tail = pool.segmentOf(culprit).asSlice(from, to - from);
            byte[] saved = tail.toArray(ValueLayout.JAVA_BYTE);
            tail.fill((byte) 0xEE);
            try {
                thrown = putBatch(m.via(), m.single(), batch, 0, 1, damage);
                audit = call(pool::audit);
            } finally {
                tail.copyFrom(MemorySegment.ofArray(saved));
            }
        } else {
            thrown = putBatch(m.via(), m.single(), batch, 0, 1, damage);
        }
        if (thrown == null) {
            held.removeAll(batch); // it was accepted: the objects are the pool's now, whatever that did to it
        }
        return new Outcome(false, null, List.copyOf(batch), List.of(), culprit, thrown, audit, null, transfers(),
                damage);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Bad calls

    private Outcome bad(BadPoolCall b) {
        Set<Mempool> poolsBefore = livePools();
        Set<String> ringsBefore = liveRings();
        List<String> damage = new ArrayList<>();
        Long culprit = null;
        Integer[] code = {null};
        Thrown thrown;
        MempoolCache holding = null;
        long[] parked = new long[1]; // the object the holding cache's refill handed out, returned afterwards
        try (Arena arena = Arena.ofConfined()) {
            if (b.entry() == Entry.SET_OPS_EMPTY || b.entry() == Entry.POPULATE_EMPTY) {
                thrown = onFreshPool(b, arena, code, damage);
            } else if (b.entry() == Entry.CLOSED_POOL) {
                pool.close();
                closed = true;
                thrown = null;
                String freed = "mempool '" + pool.name() + "' was freed";
                for (BadPoolCall.ClosedCall cc : BadPoolCall.ClosedCall.values()) {
                    Thrown t = call(() -> ClosedCalls.call(cc, pool, handles.get(0), arena));
                    if (t == null || t.type() != IllegalStateException.class || !t.message().contains(freed)) {
                        damage.add(cc + " on the freed pool " + (t == null ? "returned" : "threw " + t));
                    }
                    thrown = thrown == null ? t : thrown;
                }
            } else {
                long foreign = Strangers.foreign(b.foreign(), pool, handles.get(0));
                long[] a = b.arrayIsNull() ? null : array(b, foreign);
                if (b.entry() == Entry.PUT || (a != null && b.entry().puts() && b.n() > 0 && b.off() >= 0
                        && b.off() <= a.length - b.n()
                        && Arrays.stream(a, b.off(), b.off() + b.n()).anyMatch(h -> h == foreign))) {
                    culprit = foreign; // the batch holds it: where too few objects are held, it fills the rest
                }
                long[] before = a == null ? null : a.clone();
                MempoolCache cache;
                if (b.defects().contains(Defect.FREED_CACHE)) {
                    cache = MempoolCache.create(4);
                    cache.free();
                } else if (b.defects().contains(Defect.CACHE_HOLDING_OTHER_POOL)) {
                    holding = MempoolCache.create(4);
                    if (!Strangers.OTHER.genericGet(parked, 0, 1, holding) || holding.length() != 1) {
                        throw new AssertionError("could not park one of " + Strangers.OTHER_NAME + "'s objects");
                    }
                    cache = holding;
                } else if (b.defects().contains(Defect.OTHER_POOLS_DEFAULT_CACHE)) {
                    cache = Strangers.OTHER.defaultCache();
                } else {
                    cache = b.entry().takesCache() ? cacheOf(b.via()) : null;
                }
                MemorySegment chunk = b.entry().populates() ? chunk(b, arena, pool) : null;
                thrown = call(() -> {
                    switch (b.entry()) {
                        case GET_BULK -> on(b.via(), () -> pool.getBulk(a, b.off(), b.n()));
                        case PUT_BULK -> on(b.via(), () -> {
                            pool.putBulk(a, b.off(), b.n());
                            return null;
                        });
                        case GENERIC_GET -> pool.genericGet(a, b.off(), b.n(), cache);
                        case GENERIC_PUT -> pool.genericPut(a, b.off(), b.n(), cache);
                        case PUT -> on(b.via(), () -> {
                            pool.put(foreign);
                            return null;
                        });
                        case CACHE_FLUSH -> pool.cacheFlush(cache);
                        case SET_OPS_POPULATED -> pool.setOpsByName(b.opsName());
                        case POPULATE_DEFAULT_POPULATED -> code[0] = pool.populateDefault();
                        case POPULATE_FULL -> code[0] = pool.populate(chunk);
                        case POPULATE_IOVA_FULL -> code[0] = pool.populateIova(chunk, 0x10_0000);
                        default -> throw new AssertionError(b.entry());
                    }
                });
                if (a != null && !Arrays.equals(before, a)) {
                    damage.add("wrote the caller's array " + Arrays.toString(a));
                }
                if (!pool.opsName().equals(config.expectedDriver())) {
                    damage.add("changed the driver to " + pool.opsName());
                }
            }
        } finally {
            if (holding != null) {
                Strangers.OTHER.cacheFlush(holding);
                Strangers.OTHER.genericPut(parked, 0, 1, null);
                holding.free();
            }
        }
        Set<Mempool> poolsAfter = livePools();
        Set<String> ringsAfter = liveRings();
        if (closed) {
            poolsBefore.remove(pool);
            ringsBefore.remove("MP_" + pool.name());
        }
        if (!poolsBefore.equals(poolsAfter)) {
            damage.add("changed the live pools: " + poolsBefore + " -> " + poolsAfter);
        }
        if (!ringsBefore.equals(ringsAfter)) {
            damage.add("changed the live rings: " + ringsBefore + " -> " + ringsAfter);
        }
        return new Outcome(false, null, List.of(), List.of(), culprit, thrown, null, code[0],
                closed ? List.of() : transfers(), damage);
    }

    /**
     * The caller's array: for a put, held objects in the range and the foreign handle at its position (and wherever
     * too few objects are held, so that a put with nothing else wrong is still refused for it).
     */
    private long[] array(BadPoolCall b, long foreign) {
        long[] a = new long[b.length()];
        Arrays.fill(a, SENTINEL);
        if (!b.entry().puts() || b.n() <= 0 || b.off() < 0) {
            return a;
        }
        int at = b.off() + b.pos() % b.n();
        for (int i = 0; i < b.n() && b.off() + i < a.length; i++) {
            int j = b.off() + i;
            a[j] = j == at || i >= held.size() ? foreign : held.get(i);
        }
        return a;
    }

    /**
     * A fresh empty pool of the same configuration, {@code partial} objects populated, then the bad call; afterwards
     * nothing may have changed, and the pool must still populate fully and hand out every object in population order.
     */
    private Thrown onFreshPool(BadPoolCall b, Arena arena, Integer[] code, List<String> damage) {
        Mempool fresh = config.createEmpty("pbtE" + NAMES.incrementAndGet());
        try {
            long objSize = fresh.objectSize();
            long align = fresh.objectAlignment();
            int k = b.entry() == Entry.POPULATE_EMPTY ? b.partial() : 0;
            if (k > 0 && fresh.populate(arena.allocate(k * objSize, align)) != k) {
                throw new AssertionError("could not populate " + k + " objects first");
            }
            MemorySegment chunk = b.entry() == Entry.POPULATE_EMPTY ? chunk(b, arena, fresh) : null;
            int chunks = fresh.memIter((p, c, i) -> { });
            Thrown t = call(() -> {
                if (b.entry() == Entry.SET_OPS_EMPTY) {
                    fresh.setOpsByName(b.opsName());
                } else {
                    code[0] = fresh.populate(chunk);
                }
            });
            if (fresh.populatedSize() != k || fresh.availCount() != k || fresh.memIter((p, c, i) -> { }) != chunks
                    || !fresh.opsName().equals(config.expectedDriver())) {
                damage.add("the fresh pool changed: populated " + fresh.populatedSize() + ", avail "
                        + fresh.availCount() + ", driver " + fresh.opsName());
            }
            int rest = k == 0 ? fresh.populateDefault()
                    : fresh.populate(arena.allocate((config.n() - k) * objSize, align));
            if (rest != config.n() - k || !fresh.isFull()) {
                damage.add("the fresh pool then populated " + rest + " of " + (config.n() - k));
            }
            List<Long> order = new ArrayList<>();
            fresh.objIter((p, h, seg, off, idx) -> order.add(h));
            if (config.lifo()) {
                Collections.reverse(order);
            }
            long[] all = new long[config.n()];
            if (!fresh.genericGet(all, 0, all.length, null)
                    || !Arrays.equals(all, order.stream().mapToLong(Long::longValue).toArray())) {
                damage.add("the fresh pool then handed out " + Arrays.toString(all) + ", expected " + order);
            } else {
                fresh.genericPut(all, 0, all.length, null);
            }
            return t;
        } finally {
            fresh.close();
        }
    }

    /** The chunk a populate call gets: bad, too small, misaligned, or a good one for a full pool. */
    private static MemorySegment chunk(BadPoolCall b, Arena arena, Mempool target) {
        long objSize = target.objectSize();
        long align = target.objectAlignment();
        Set<Defect> d = b.defects();
        if (d.contains(Defect.NULL_CHUNK)) {
            return null;
        }
        if (d.contains(Defect.CLOSED_CHUNK)) {
            try (Arena gone = Arena.ofConfined()) {
                return gone.allocate(2 * objSize, align);
            }
        }
        if (d.contains(Defect.READ_ONLY_CHUNK)) {
            return arena.allocate(2 * objSize, align).asReadOnly();
        }
        if (d.contains(Defect.TINY_CHUNK)) {
            return arena.allocate(objSize - 1 - b.off() % objSize, align);
        }
        if (d.contains(Defect.MISALIGNED_CHUNK)) {
            // One object's worth of bytes that starts 1 to align-1 bytes past an aligned address: after rounding the
            // start up, no object fits.
            long skip = 1 + Math.floorMod(b.off(), align - 1);
            return arena.allocate(objSize + skip, align).asSlice(skip, objSize);
        }
        return arena.allocate(2 * objSize, align);
    }

    // ------------------------------------------------------------------------------------------------------------

    private Snapshot snapshot() {
        MempoolCache own = pool.defaultCache();
        if ((own == null) != (config.cacheSize() == 0)) {
            throw new AssertionError("defaultCache() = " + own + " with cache size " + config.cacheSize());
        }
        List<Integer> userLens = new ArrayList<>();
        List<MempoolStats> userStats = new ArrayList<>();
        for (MempoolCache c : userCaches) {
            userLens.add(c.length());
            userStats.add(c.stats());
        }
        String audit = null;
        try {
            pool.audit();
        } catch (RuntimeException e) {
            audit = e.toString();
        }
        return new Snapshot(own == null ? -1 : own.length(), lcore2Cache == null ? -1 : lcore2Cache.length(),
                List.copyOf(userLens), pool.commonPoolCount(), pool.availCount(), pool.inUseCount(), pool.isFull(),
                pool.isEmpty(), held.size(), pool.stats(), List.copyOf(userStats),
                backend == null ? null : backend.contents(), audit);
    }

    private List<Transfer> transfers() {
        return backend == null ? null : backend.drainLog();
    }

    private MempoolCache cacheOf(Via via) {
        return switch (via.route()) {
            case DEFAULT_GENERIC -> pool.defaultCache();
            case USER -> userCaches.get(via.user());
            case NONE -> null;
            case DEFAULT, LCORE2 -> throw new AssertionError("the plain calls take no cache: " + via);
        };
    }

    /** Runs the call on the thread the route names: lcore 2's helper, or this one. */
    private static <T> T on(Via via, Supplier<T> call) {
        if (via.route() != Route.LCORE2) {
            return call.get();
        }
        try {
            return LCORE2.submit(call::get).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Thrown call(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return Thrown.of(e);
        }
    }

    private static Set<Mempool> livePools() {
        Set<Mempool> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(Mempool.list());
        return s;
    }

    private static Set<String> liveRings() {
        Set<String> s = new HashSet<>();
        for (Ring r : Ring.list()) {
            s.add(r.name());
        }
        return s;
    }
}
