package io.jmempool.properties.mempool;

import io.jmempool.mempool.BufferOverrunException;
import io.jmempool.mempool.CachePolicy;
import io.jmempool.mempool.DoubleFreeException;
import io.jmempool.mempool.ForeignHandleException;
import io.jmempool.mempool.MempoolStats;
import io.jmempool.properties.Refusal;
import io.jmempool.properties.mempool.PoolCommand.Bad;
import io.jmempool.properties.mempool.PoolCommand.Flush;
import io.jmempool.properties.mempool.PoolCommand.Get;
import io.jmempool.properties.mempool.PoolCommand.Misuse;
import io.jmempool.properties.mempool.PoolCommand.Put;
import io.jmempool.properties.mempool.PoolCommand.ResetStats;
import io.jmempool.properties.mempool.PoolCommand.Route;
import io.jmempool.properties.mempool.PoolCommand.Via;
import io.jmempool.properties.mempool.PoolTrace.Outcome;
import io.jmempool.properties.mempool.PoolTrace.Snapshot;
import io.jmempool.properties.mempool.PoolTrace.Step;
import io.jmempool.properties.mempool.PoolTrace.Thrown;
import io.jmempool.properties.mempool.RecordingDriver.Transfer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The mempool's laws, each a check over a {@link PoolTrace}. {@link #agreesWithModel} predicts every observable value
 * from {@link PoolModel}; the others state one law each without the model, so that a failure names the law broken.
 */
final class PoolChecks {
    private PoolChecks() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // The model

    /** Returns the algorithm steps the model took, for the coverage test. */
    static Set<String> agreesWithModel(PoolTrace t) {
        PoolConfig c = t.scenario().config();
        PoolModel model = new PoolModel(c, t.handles());
        expectSnapshot(t, -1, model.expected(c.recording(), null), t.initial());
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            Outcome o = s.outcome();
            expect(t, i, "damage", List.of(), o.damage());
            if (o.skipped()) {
                expectSnapshot(t, i, model.expected(c.recording(), null), s.after());
                continue;
            }
            switch (s.command()) {
                case Get g -> {
                    expect(t, i, "thrown", null, o.thrown());
                    List<Long> predicted = model.get(g.via(), g.single() ? 1 : g.n());
                    expect(t, i, "returned", predicted != null, o.ok());
                    expect(t, i, "objects got", predicted == null ? "[]" : Handles.names(predicted),
                            Handles.names(o.got()));
                }
                case Put p -> {
                    expect(t, i, "thrown", null, o.thrown());
                    model.put(p.via(), o.offered());
                }
                case Flush f -> {
                    expect(t, i, "thrown", null, o.thrown());
                    model.flush(f.via());
                }
                case ResetStats r -> {
                    expect(t, i, "thrown", null, o.thrown());
                    model.resetStats();
                }
                case Misuse m -> {
                    expectMisuseRefused(t, i, m, o, model);
                }
                case Bad b -> {
                    // refused, and nothing changes: the model stays as it is
                }
            }
            List<Transfer> predicted = model.drainLog();
            if (o.transfers() != null) {
                expect(t, i, "backend transfers", predicted.toString(), o.transfers().toString());
            }
            if (s.after() != null) {
                expectSnapshot(t, i, model.expected(c.recording(), null), s.after());
            }
        }
        return model.stepsTaken();
    }

    private static void expectSnapshot(PoolTrace t, int i, Snapshot e, Snapshot a) {
        expect(t, i, "default cache length", e.defaultLen(), a.defaultLen());
        expect(t, i, "lcore 2's default cache length", e.lcore2Len(), a.lcore2Len());
        expect(t, i, "user cache lengths", e.userLens(), a.userLens());
        expect(t, i, "commonPoolCount()", e.commonPool(), a.commonPool());
        expect(t, i, "availCount()", e.avail(), a.avail());
        expect(t, i, "inUseCount()", e.inUse(), a.inUse());
        expect(t, i, "isFull()", e.full(), a.full());
        expect(t, i, "isEmpty()", e.empty(), a.empty());
        expect(t, i, "objects held", e.held(), a.held());
        expect(t, i, "stats()", e.stats(), a.stats());
        expect(t, i, "user caches' stats()", e.userStats(), a.userStats());
        if (e.backend() != null) {
            expect(t, i, "backend contents", Handles.names(e.backend()), Handles.names(a.backend()));
        }
        expect(t, i, "audit()", null, a.audit());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Laws without the model

    /** {@code backend + Σ cache lengths (default, lcore 2, user) + objects held == n} after every step. */
    static void conservation(PoolTrace t) {
        int n = t.scenario().config().n();
        forEachSnapshot(t, (i, s) -> {
            int cached = Math.max(0, s.defaultLen()) + Math.max(0, s.lcore2Len())
                    + s.userLens().stream().mapToInt(Integer::intValue).sum();
            expect(t, i, "backend " + s.commonPool() + " + cached " + cached + " + held " + s.held(), n,
                    s.commonPool() + cached + s.held());
        });
    }

    /** Every object handed out is one of the pool's, and is not handed out again until it is put back. */
    static void noHandleHandedOutTwice(PoolTrace t) {
        Set<Long> pool = new HashSet<>(t.handles());
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            Outcome o = s.outcome();
            for (long h : o.got()) {
                if (!pool.contains(h)) {
                    fail(t, i, "handed out " + Handles.name(h) + ", which is not one of the pool's objects");
                }
                if (!out.add(h)) {
                    fail(t, i, "handed out " + Handles.name(h) + " while it was already out (got "
                            + Handles.names(o.got()) + ")");
                }
            }
            if (s.command() instanceof Put && o.thrown() == null) {
                o.offered().forEach(out::remove);
            }
        }
    }

    /**
     * A get takes n objects or none; with one thread it succeeds exactly when the cache it uses and the backend hold n
     * between them (DPDK a2833ecc5e); when it fails it changes no cache, no count and no backend.
     */
    static void getIsAllOrNothing(PoolTrace t) {
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            if (!(s.command() instanceof Get g) || s.outcome().skipped()) {
                continue;
            }
            int n = g.single() ? 1 : g.n();
            Snapshot before = t.before(i);
            int reachable = before.lengthOf(g.via()) + before.commonPool();
            Outcome o = s.outcome();
            expect(t, i, "returned (cache + backend = " + reachable + ")", n <= reachable, o.ok());
            expect(t, i, "objects got", Boolean.TRUE.equals(o.ok()) ? n : 0, o.got().size());
            if (Boolean.FALSE.equals(o.ok())) {
                Snapshot after = s.after();
                expect(t, i, "caches after a failed get", List.of(before.defaultLen(), before.lcore2Len(),
                        before.userLens()), List.of(after.defaultLen(), after.lcore2Len(), after.userLens()));
                expect(t, i, "commonPoolCount() after a failed get", before.commonPool(), after.commonPool());
                expect(t, i, "availCount() after a failed get", before.avail(), after.avail());
                if (o.transfers() != null && o.transfers().stream().anyMatch(Transfer::ok)) {
                    fail(t, i, "a failed get moved objects: " + o.transfers());
                }
            }
        }
    }

    /** {@code 0 <= len <= size} (v26.07) or {@code <= size * 3 / 2} (LTS) for every cache, after every step. */
    static void cacheLengthWithinBound(PoolTrace t) {
        PoolConfig c = t.scenario().config();
        forEachSnapshot(t, (i, s) -> {
            expectWithin(t, i, "default cache", s.defaultLen(), c.cacheSize(), c);
            expectWithin(t, i, "lcore 2's default cache", s.lcore2Len(), c.cacheSize(), c);
            for (int k = 0; k < s.userLens().size(); k++) {
                expectWithin(t, i, "user cache " + k, s.userLens().get(k), c.userCaches().get(k), c);
            }
        });
    }

    private static void expectWithin(PoolTrace t, int i, String what, int len, int size, PoolConfig c) {
        if (size == 0 && len == -1) {
            return;
        }
        if (len < 0 || len > c.bound(size)) {
            fail(t, i, what + " length " + len + " outside [0, " + c.bound(size) + "] (size " + size + ", "
                    + c.policy() + ")");
        }
    }

    /**
     * The objects a put left in a cache come out of it first, the last one put first, when the next call on that
     * cache is a get (DPDK 459531c958: after an overflowing put, the objects just put come out first). Needs the
     * recording driver, whose log shows which objects went to the backend instead.
     */
    static void objectsJustPutComeOutFirst(PoolTrace t) {
        Map<String, List<Long>> lastCached = new HashMap<>(); // per cache: the batch its last call cached, or absent
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            Outcome o = s.outcome();
            if (o.skipped() || o.transfers() == null) {
                continue;
            }
            switch (s.command()) {
                case Put p when o.thrown() == null -> {
                    String key = cacheKey(t, p.via());
                    if (key != null) {
                        Set<Long> toBackend = new HashSet<>();
                        o.transfers().forEach(x -> toBackend.addAll(x.objs()));
                        boolean cached = !o.offered().isEmpty() && Collections.disjoint(toBackend, o.offered());
                        if (cached) {
                            lastCached.put(key, o.offered());
                        } else if (!o.offered().isEmpty()) {
                            lastCached.remove(key);
                        }
                    }
                }
                case Get g -> {
                    String key = cacheKey(t, g.via());
                    List<Long> batch = key == null ? null : lastCached.remove(key);
                    if (batch != null && Boolean.TRUE.equals(o.ok()) && !o.got().isEmpty()) {
                        List<Long> hottest = new ArrayList<>(batch);
                        Collections.reverse(hottest);
                        int k = Math.min(hottest.size(), o.got().size());
                        expect(t, i, "the first objects got (the last put first)",
                                Handles.names(hottest.subList(0, k)), Handles.names(o.got().subList(0, k)));
                    }
                }
                case Flush f -> {
                    String key = cacheKey(t, f.via());
                    if (key != null) {
                        lastCached.remove(key);
                    }
                }
                default -> { }
            }
        }
    }

    /** Which cache a route uses, as a key; null for none. */
    private static String cacheKey(PoolTrace t, Via via) {
        int cacheSize = t.scenario().config().cacheSize();
        return switch (via.route()) {
            case DEFAULT, DEFAULT_GENERIC -> cacheSize == 0 ? null : "own";
            case LCORE2 -> cacheSize == 0 ? null : "lcore2";
            case USER -> "user" + via.user();
            case NONE -> null;
        };
    }

    /**
     * The backend moves only what the policy says (dpdk-behaviour.md §3.1, §6 item 47): under v26.07 half a cache
     * (a flush or a refill) or a whole request (the rest of a get, or a put that bypasses the cache); under the LTS
     * the whole cache (a flush), size + rest (a refill) or a whole request. A get the cache can serve and a put that
     * fits move nothing; a call without a cache moves exactly its request; a flush moves what the cache held.
     */
    static void backendMovesHalfACacheOrAWholeRequest(PoolTrace t) {
        PoolConfig c = t.scenario().config();
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            Outcome o = s.outcome();
            List<Transfer> moves = o.transfers();
            if (moves == null || o.skipped()) {
                continue;
            }
            Snapshot before = t.before(i);
            switch (s.command()) {
                case Put p when o.thrown() == null -> {
                    int n = o.offered().size();
                    Via via = p.via();
                    if (cacheKey(t, via) == null) {
                        expect(t, i, "backend transfers of a put without a cache",
                                List.of(new Transfer(true, n, o.offered(), true)).toString(), moves.toString());
                        break;
                    }
                    int size = sizeOf(c, via);
                    int len = before.lengthOf(via);
                    int flush = c.policy() == CachePolicy.V26_07 ? size / 2 : len;
                    if (len + n <= c.bound(size) && !moves.isEmpty()) {
                        fail(t, i, "a put that fits the cache (len " + len + ") moved " + moves);
                    }
                    if (moves.size() > 1 || moves.stream().anyMatch(x -> !x.enqueue() || !x.ok()
                            || (x.n() != flush && !x.objs().equals(o.offered())))) {
                        fail(t, i, "a put of " + n + " through a cache of size " + size + " holding " + len
                                + " moved " + moves + "; allowed: enq " + flush + " (flush) or the " + n + " put");
                    }
                }
                case Get g -> {
                    int n = g.single() ? 1 : g.n();
                    Via via = g.via();
                    if (cacheKey(t, via) == null) {
                        expect(t, i, "backend calls of a get without a cache", 1, moves.size());
                        expect(t, i, "backend call of a get without a cache", "deq " + n, moves.get(0).enqueue()
                                ? "enq" : "deq " + moves.get(0).n());
                        break;
                    }
                    int size = sizeOf(c, via);
                    int len = before.lengthOf(via);
                    int rest = n - len;
                    int refill = c.policy() == CachePolicy.V26_07 ? size / 2 : size + rest;
                    if (n <= len && !moves.isEmpty()) {
                        fail(t, i, "a get the cache could serve (len " + len + ") moved " + moves);
                    }
                    if (moves.size() > 2 || moves.stream().filter(Transfer::ok).count() > 1
                            || moves.stream().anyMatch(x -> x.enqueue() || (x.n() != refill && x.n() != rest))) {
                        fail(t, i, "a get of " + n + " through a cache of size " + size + " holding " + len
                                + " moved " + moves + "; allowed: deq " + refill + " (refill) or deq " + rest
                                + " (the rest)");
                    }
                }
                case Flush f -> {
                    int len = cacheKey(t, f.via()) == null ? 0 : before.lengthOf(f.via());
                    expect(t, i, "backend calls of a flush", len == 0 ? 0 : 1, moves.size());
                    if (len > 0) {
                        expect(t, i, "objects a flush moved", len, moves.get(0).n());
                    }
                }
                default -> expect(t, i, "backend transfers", List.of(), moves);
            }
        }
    }

    private static int sizeOf(PoolConfig c, Via via) {
        return via.route() == Route.USER ? c.userCaches().get(via.user()) : c.cacheSize();
    }

    /**
     * {@code availCount()} is the backend plus the default caches (both lcores'), not the user caches, clamped to n;
     * {@code inUseCount() = n - availCount()}; full and empty follow from it; {@code commonPoolCount()} is the
     * backend's count.
     */
    static void availCountCountsDefaultCachesNotUserCaches(PoolTrace t) {
        int n = t.scenario().config().n();
        forEachSnapshot(t, (i, s) -> {
            int avail = Math.min(n, s.commonPool() + Math.max(0, s.defaultLen()) + Math.max(0, s.lcore2Len()));
            expect(t, i, "availCount() (backend " + s.commonPool() + ", default caches " + s.defaultLen() + " and "
                    + s.lcore2Len() + ", user caches " + s.userLens() + ")", avail, s.avail());
            expect(t, i, "inUseCount()", n - s.avail(), s.inUse());
            expect(t, i, "isFull() with availCount() " + s.avail(), s.avail() == n, s.full());
            expect(t, i, "isEmpty() with availCount() " + s.avail(), s.avail() == 0, s.empty());
            if (s.backend() != null) {
                expect(t, i, "commonPoolCount()", s.backend().size(), s.commonPool());
            }
        });
    }

    /**
     * The counters follow DPDK's rules (dpdk-behaviour.md §4), applied to what the trace shows happened: populate
     * enqueued n objects one by one; a put counts put_bulk/objs and a successful get get_success_bulk/objs in the
     * user cache when one is used, else in the pool; a failed get counts get_fail_bulk/objs(n) in the pool; every
     * backend enqueue and every successful dequeue counts put/get_common_pool in the pool. Needs the recording driver.
     */
    static void statsFollowDpdkRules(PoolTrace t) {
        PoolConfig c = t.scenario().config();
        if (!c.recording()) {
            return; // the backend transfers are not visible
        }
        long[] pool = new long[10];
        List<long[]> users = new ArrayList<>();
        c.userCaches().forEach(x -> users.add(new long[10]));
        if (c.stats()) {
            pool[2] = c.n();
            pool[3] = c.n();
        }
        expect(t, -1, "stats()", stats(pool), t.initial().stats());
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            Outcome o = s.outcome();
            if (!o.skipped() && o.thrown() == null && c.stats()) {
                switch (s.command()) {
                    case Get g -> {
                        int n = g.single() ? 1 : g.n();
                        if (Boolean.TRUE.equals(o.ok())) {
                            long[] into = g.via().route() == Route.USER ? users.get(g.via().user()) : pool;
                            into[6] += 1;
                            into[7] += n;
                        } else {
                            pool[8] += 1;
                            pool[9] += n;
                        }
                    }
                    case Put p -> {
                        long[] into = p.via().route() == Route.USER ? users.get(p.via().user()) : pool;
                        into[0] += 1;
                        into[1] += o.offered().size();
                    }
                    case ResetStats r -> Arrays.fill(pool, 0);
                    default -> { }
                }
                for (Transfer x : o.transfers()) {
                    if (x.ok()) {
                        pool[x.enqueue() ? 2 : 4] += 1;
                        pool[x.enqueue() ? 3 : 5] += x.n();
                    }
                }
            }
            if (s.after() != null) {
                expect(t, i, "stats()", stats(pool), s.after().stats());
                List<MempoolStats> u = new ArrayList<>();
                users.forEach(x -> u.add(stats(x)));
                expect(t, i, "user caches' stats()", u, s.after().userStats());
            }
        }
    }

    private static MempoolStats stats(long[] s) {
        return new MempoolStats(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]);
    }

    /**
     * With the debug checks on, every misuse throws its exception (double put and duplicate: DoubleFreeException;
     * foreign, null, freed-pool or out-of-range handle: ForeignHandleException; an overrun into the trailer:
     * BufferOverrunException, and {@code audit()} reports it too) naming the pool and the object, and changes
     * nothing: no cache, no count, no counter, no backend call. {@code audit()} passes after every step.
     */
    static void misuseIsRefusedAndChangesNothing(PoolTrace t) {
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            if (s.after() != null) {
                expect(t, i, "audit()", null, s.after().audit());
            }
            if (!(s.command() instanceof Misuse m) || s.outcome().skipped()) {
                continue;
            }
            expectMisuseRefused(t, i, m, s.outcome(), null);
            expect(t, i, "the pool after a refused misuse", t.before(i).toString(), s.after().toString());
            expect(t, i, "stats() after a refused misuse", t.before(i).stats(), s.after().stats());
            if (s.outcome().transfers() != null) {
                expect(t, i, "backend transfers of a refused misuse", List.of(), s.outcome().transfers());
            }
        }
    }

    private static void expectMisuseRefused(PoolTrace t, int i, Misuse m, Outcome o, PoolModel model) {
        Class<?> type = switch (m.kind()) {
            case DOUBLE_PUT, DUPLICATE_IN_BATCH -> DoubleFreeException.class;
            case FOREIGN_HANDLE -> ForeignHandleException.class;
            case OVERRUN -> BufferOverrunException.class;
        };
        long culprit = o.culprit();
        if (model != null && m.kind() != PoolCommand.MisuseKind.FOREIGN_HANDLE
                && (m.kind() == PoolCommand.MisuseKind.DOUBLE_PUT) == model.holds(culprit)) {
            fail(t, i, "the runner chose " + Handles.name(culprit) + ", which the model says is "
                    + (model.holds(culprit) ? "held" : "free"));
        }
        Thrown th = o.thrown();
        if (th == null || th.type() != type) {
            fail(t, i, "threw " + th + ", expected " + type.getSimpleName() + " for " + Handles.name(culprit));
        }
        expect(t, i, "the pool the exception names", t.pool(), th.pool());
        expect(t, i, "the object the exception names", Handles.name(culprit), Handles.name(th.handle()));
        String hex = "0x" + Long.toHexString(culprit);
        if (!th.message().contains("mempool '" + t.pool() + "'") || !th.message().contains(hex)) {
            fail(t, i, "the message does not name the pool and " + hex + ": " + th.message());
        }
        if (m.kind() == PoolCommand.MisuseKind.OVERRUN) {
            Thrown a = o.audit();
            if (a == null || a.type() != BufferOverrunException.class || !Objects.equals(a.handle(), culprit)) {
                fail(t, i, "audit() with the trailer damaged threw " + a + ", expected BufferOverrunException for "
                        + hex);
            }
        }
    }

    /**
     * Every bad call gives the documented exception (type, and a message naming the parameter) or return code, and
     * changes nothing: no cache, no count, no counter, no backend call, not the caller's array, not the registries.
     */
    static void badCallsAreRefusedAndChangeNothing(PoolTrace t) {
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            if (!(s.command() instanceof Bad b)) {
                continue;
            }
            Outcome o = s.outcome();
            List<Refusal> refusals = b.call().refusals(t.pool(), o.culprit());
            Integer code = b.call().code();
            if (code != null) {
                expect(t, i, "thrown", null, o.thrown());
                expect(t, i, "returned", code, o.code());
            } else if (o.thrown() == null) {
                fail(t, i, "nothing was thrown" + (o.code() == null ? "" : " (returned " + o.code() + ")")
                        + "; expected one of " + refusals);
            } else if (refusals.stream().noneMatch(r -> r.type() == o.thrown().type()
                    && o.thrown().message() != null && o.thrown().message().contains(r.fragment()))) {
                fail(t, i, "threw " + o.thrown() + "; expected one of " + refusals);
            }
            expect(t, i, "damage", List.of(), o.damage());
            if (s.after() != null) {
                expect(t, i, "the pool after a refused call", t.before(i).toString(), s.after().toString());
                expect(t, i, "stats() after a refused call", t.before(i).stats(), s.after().stats());
                expect(t, i, "backend transfers of a refused call", null, o.transfers() == null
                        || o.transfers().isEmpty() ? null : o.transfers());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private interface SnapshotCheck {
        void check(int step, Snapshot s);
    }

    private static void forEachSnapshot(PoolTrace t, SnapshotCheck check) {
        check.check(-1, t.initial());
        for (int i = 0; i < t.steps().size(); i++) {
            if (t.steps().get(i).after() != null) {
                check.check(i, t.steps().get(i).after());
            }
        }
    }

    static void expect(PoolTrace t, int step, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            fail(t, step, what + " = " + actual + ", expected " + expected);
        }
    }

    static void fail(PoolTrace t, int step, String message) {
        String where = step < 0 ? "after populate" : "step " + step + ", " + t.steps().get(step).command() + " -> "
                + t.steps().get(step).outcome();
        throw new AssertionError(where + ": " + message + " [" + t.scenario().config() + "]");
    }
}
