package io.jmempool.properties.mempool;

import io.jmempool.mempool.CachePolicy;
import io.jmempool.mempool.MempoolStats;
import io.jmempool.properties.mempool.PoolCommand.Route;
import io.jmempool.properties.mempool.PoolCommand.Via;
import io.jmempool.properties.mempool.PoolTrace.Snapshot;
import io.jmempool.properties.mempool.RecordingDriver.Transfer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The executable model: a transcription of dpdk-behaviour.md §3.1 (v26.07) and §3.2 (the LTS row) over plain
 * lists, written from the document and not from {@code Mempool}. A cache is a list, bottom (oldest) first, top
 * (hottest) last; the backend is a FIFO, or a LIFO for the {@code stack} driver. Every backend call is logged the way
 * the recording driver logs it, and the counters follow §4: put and get-success counts go to the user cache when one
 * is used and to the pool otherwise, backend transfers and failed gets always to the pool.
 */
final class PoolModel {
    private static final int CACHE_MAX_SIZE = 512;

    // The fields of MempoolStats, in order.
    private static final int PUT_BULK = 0;
    private static final int PUT_OBJS = 1;
    private static final int PUT_COMMON_BULK = 2;
    private static final int PUT_COMMON_OBJS = 3;
    private static final int GET_COMMON_BULK = 4;
    private static final int GET_COMMON_OBJS = 5;
    private static final int GET_OK_BULK = 6;
    private static final int GET_OK_OBJS = 7;
    private static final int GET_FAIL_BULK = 8;
    private static final int GET_FAIL_OBJS = 9;

    private final PoolConfig config;
    /** FIFO: the head comes out next. LIFO: the tail does. Enqueues always append at the tail. */
    private final ArrayDeque<Long> backend = new ArrayDeque<>();
    private final List<Long> ownCache;
    private final List<Long> lcore2Cache;
    private final List<List<Long>> userCaches = new ArrayList<>();
    private final Set<Long> held = new LinkedHashSet<>();
    private final long[] poolStats = new long[10];
    private final List<long[]> userStats = new ArrayList<>();
    private final boolean statsOn;
    private List<Transfer> log = new ArrayList<>();
    /** The algorithm steps taken, named as spec/MempoolCache.tla and Mempool name them, for the coverage test. */
    private final Set<String> taken = new LinkedHashSet<>();

    /** A freshly populated pool: every object enqueued on its own, in index order (§2.4). */
    PoolModel(PoolConfig config, List<Long> handles) {
        this.config = config;
        this.statsOn = config.stats();
        backend.addAll(handles);
        ownCache = config.cacheSize() == 0 ? null : new ArrayList<>();
        lcore2Cache = config.cacheSize() == 0 ? null : new ArrayList<>();
        for (int i = 0; i < config.userCaches().size(); i++) {
            userCaches.add(new ArrayList<>());
            userStats.add(new long[10]);
        }
        count(PUT_COMMON_BULK, handles.size());
        count(PUT_COMMON_OBJS, handles.size());
    }

    // ------------------------------------------------------------------------------------------------------------
    // The calls

    /** A get of n through the route: the objects in the order the caller receives them, or null if it fails. */
    List<Long> get(Via via, int n) {
        List<Long> cache = cacheOf(via);
        List<Long> got;
        if (cache == null) {
            taken.add("GetDirect");
            got = dequeue(n);
        } else if (config.policy() == CachePolicy.V26_07) {
            got = getV2607(cache, sizeOf(via), n);
        } else {
            got = getLts(cache, sizeOf(via), n);
        }
        if (got == null) {
            count(GET_FAIL_BULK, 1);
            count(GET_FAIL_OBJS, n);
        } else {
            countCall(via, GET_OK_BULK, GET_OK_OBJS, n);
            held.addAll(got);
        }
        return got;
    }

    /** §3.1 get: serve from the top; else take all the cache holds, then refill half a cache or bypass it. */
    private List<Long> getV2607(List<Long> cache, int size, int n) {
        if (n <= cache.size()) {
            taken.add("GetHit");
            return popTop(cache, n);
        }
        List<Long> kept = List.copyOf(cache);
        List<Long> got = popTop(cache, cache.size());
        int remaining = n - got.size();
        int half = size / 2;
        if (remaining <= half) {
            List<Long> refill = dequeue(half);
            if (refill != null) {
                taken.add("GetRefill");
                cache.addAll(refill);
                got.addAll(popTop(cache, remaining));
                return got;
            }
        }
        return bypass(cache, kept, got, remaining);
    }

    /** §3.2 LTS get: the same, but the refill is size + remaining (up to 512 remaining) and leaves size cached. */
    private List<Long> getLts(List<Long> cache, int size, int n) {
        if (n <= cache.size()) {
            taken.add("GetHit");
            return popTop(cache, n);
        }
        List<Long> kept = List.copyOf(cache);
        List<Long> got = popTop(cache, cache.size());
        int remaining = n - got.size();
        if (remaining <= CACHE_MAX_SIZE) {
            List<Long> refill = dequeue(size + remaining);
            if (refill != null) {
                taken.add("GetRefillFull");
                cache.addAll(refill);
                got.addAll(popTop(cache, remaining));
                return got;
            }
        }
        return bypass(cache, kept, got, remaining);
    }

    /** The rest straight from the backend; if it cannot give it, the cache goes back as it was. */
    private List<Long> bypass(List<Long> cache, List<Long> kept, List<Long> got, int remaining) {
        List<Long> direct = dequeue(remaining);
        if (direct != null) {
            taken.add("GetBypass");
            got.addAll(direct);
            return got;
        }
        taken.add(kept.isEmpty() ? "GetFail" : "GetRollback");
        cache.addAll(kept); // the objects taken from the cache go back exactly where they were
        return null;
    }

    /** A put of objs through the route. */
    void put(Via via, List<Long> objs) {
        if (!held.containsAll(objs)) {
            throw new AssertionError("the runner put objects the caller does not hold: " + Handles.names(objs));
        }
        held.removeAll(objs);
        countCall(via, PUT_BULK, PUT_OBJS, objs.size());
        List<Long> cache = cacheOf(via);
        int n = objs.size();
        if (cache == null) {
            taken.add("PutDirect");
            enqueue(objs);
        } else if (config.policy() == CachePolicy.V26_07) {
            int size = sizeOf(via);
            if (cache.size() + n <= size) {
                taken.add("PutAppend");
                cache.addAll(objs);
            } else if (n <= size / 2) {
                taken.add("PutFlushHalf");
                // The oldest half goes to the backend bottom first; the rest stays, the new objects go on top.
                List<Long> oldest = new ArrayList<>(cache.subList(0, size / 2));
                cache.subList(0, size / 2).clear();
                enqueue(oldest);
                cache.addAll(objs);
            } else {
                taken.add("PutBypass");
                enqueue(objs);
            }
        } else {
            int threshold = sizeOf(via) * 3 / 2;
            if (n > threshold) {
                taken.add("PutBypass");
                enqueue(objs);
            } else if (cache.size() + n <= threshold) {
                taken.add("PutAppend");
                cache.addAll(objs);
            } else {
                taken.add("PutFlushAll");
                // Every cached object goes (the cold ones), the new ones are cached (LTS fix 459531c958).
                enqueue(new ArrayList<>(cache));
                cache.clear();
                cache.addAll(objs);
            }
        }
    }

    /** §3.3 cache_flush: everything the cache holds goes to the backend, bottom first. */
    void flush(Via via) {
        List<Long> cache = via.route() == Route.NONE ? ownCache : cacheOf(via);
        if (cache != null && !cache.isEmpty()) {
            enqueue(new ArrayList<>(cache));
            cache.clear();
        }
    }

    /** {@code statsReset()}: the pool's counters; a user cache keeps its own. */
    void resetStats() {
        Arrays.fill(poolStats, 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // What the model says

    /** The backend calls made since the last call, then forgotten. */
    List<Transfer> drainLog() {
        List<Transfer> l = log;
        log = new ArrayList<>();
        return l;
    }

    /** The algorithm steps the model has taken so far. */
    Set<String> stepsTaken() {
        return taken;
    }

    boolean holds(long h) {
        return held.contains(h);
    }

    /** The snapshot the pool must report now; the backend's contents only where the driver shows them. */
    Snapshot expected(boolean withBackend, String audit) {
        int n = config.n();
        int own = ownCache == null ? -1 : ownCache.size();
        int other = lcore2Cache == null ? -1 : lcore2Cache.size();
        List<Integer> userLens = new ArrayList<>();
        for (List<Long> c : userCaches) {
            userLens.add(c.size());
        }
        // avail_count: the backend plus the default caches of every lcore, not the user caches; clamped to n (§3.3).
        int avail = Math.min(n, backend.size() + Math.max(0, own) + Math.max(0, other));
        List<MempoolStats> users = new ArrayList<>();
        for (long[] s : userStats) {
            users.add(stats(s));
        }
        List<Long> contents = null;
        if (withBackend) {
            contents = new ArrayList<>(backend);
        }
        return new Snapshot(own, other, List.copyOf(userLens), backend.size(), avail, n - avail, avail == n,
                avail == 0, held.size(), stats(poolStats), List.copyOf(users), contents, audit);
    }

    // ------------------------------------------------------------------------------------------------------------

    private List<Long> cacheOf(Via via) {
        return switch (via.route()) {
            case DEFAULT, DEFAULT_GENERIC -> ownCache;
            case LCORE2 -> lcore2Cache;
            case USER -> userCaches.get(via.user());
            case NONE -> null;
        };
    }

    private int sizeOf(Via via) {
        return via.route() == Route.USER ? config.userCaches().get(via.user()) : config.cacheSize();
    }

    /** Pops k from the top, hottest first. */
    private static List<Long> popTop(List<Long> cache, int k) {
        List<Long> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(cache.remove(cache.size() - 1));
        }
        return out;
    }

    /** The driver's all-or-nothing dequeue: the objects in the order it writes them, or null. */
    private List<Long> dequeue(int k) {
        if (backend.size() < k) {
            log.add(new Transfer(false, k, List.of(), false));
            return null;
        }
        List<Long> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(config.lifo() ? backend.pollLast() : backend.pollFirst());
        }
        log.add(new Transfer(false, k, List.copyOf(out), true));
        count(GET_COMMON_BULK, 1);
        count(GET_COMMON_OBJS, k);
        return out;
    }

    /** The driver's enqueue, which a legal put never overflows. */
    private void enqueue(List<Long> objs) {
        backend.addAll(objs);
        log.add(new Transfer(true, objs.size(), List.copyOf(objs), true));
        count(PUT_COMMON_BULK, 1);
        count(PUT_COMMON_OBJS, objs.size());
    }

    private void count(int field, long delta) {
        if (statsOn) {
            poolStats[field] += delta;
        }
    }

    /** Put and get-success counts: in the user cache when one is used (§4, 203dcc9cfe), else in the pool. */
    private void countCall(Via via, int bulkField, int objsField, int n) {
        if (!statsOn) {
            return;
        }
        long[] target = via.route() == Route.USER ? userStats.get(via.user()) : poolStats;
        target[bulkField] += 1;
        target[objsField] += n;
    }

    private static MempoolStats stats(long[] s) {
        return new MempoolStats(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]);
    }
}
