package io.jmempool.properties.mempool;

import static io.jmempool.properties.Gens.draw;

import io.jmempool.mempool.CachePolicy;
import io.jmempool.mempool.Mempool;
import io.jmempool.properties.Gens;
import io.jmempool.properties.mempool.BadPoolCall.Defect;
import io.jmempool.properties.mempool.BadPoolCall.Entry;
import io.jmempool.properties.mempool.PoolCommand.Bad;
import io.jmempool.properties.mempool.PoolCommand.Flush;
import io.jmempool.properties.mempool.PoolCommand.Foreign;
import io.jmempool.properties.mempool.PoolCommand.Get;
import io.jmempool.properties.mempool.PoolCommand.Misuse;
import io.jmempool.properties.mempool.PoolCommand.MisuseKind;
import io.jmempool.properties.mempool.PoolCommand.Put;
import io.jmempool.properties.mempool.PoolCommand.ResetStats;
import io.jmempool.properties.mempool.PoolCommand.Route;
import io.jmempool.properties.mempool.PoolCommand.Via;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Generators for mempool scenarios. Each draws its parts one after another from the same randomness, so later parts
 * depend on earlier ones (n on the cache size and policy, n of a call on the caches) and QuickTheories still shrinks
 * the whole: fewer steps, smaller n, the first choice of every pick (v26.07, the recording driver, a cache of 1, the
 * default cache, a get).
 *
 * <p>Pools and caches stay small: the pool is at most 24 objects above the smallest the policy allows for its cache,
 * and a call's n ranges a little past the caches, sometimes past the pool, so that flushes, refills, bypasses,
 * failed gets and rollbacks happen in most scenarios.
 */
final class PoolGenerators {
    static final int MAX_STEPS = 50;

    private static final Gen<CachePolicy> POLICY = Generate.pick(List.of(CachePolicy.V26_07, CachePolicy.LTS_25_11));
    /** The recording driver first, so that shrunk counterexamples show the backend's transfers. */
    private static final List<String> DRIVERS = List.of(RecordingDriver.FIFO, "ring_mp_mc", "stack", "ring_sp_sc",
            "ring_mp_sc", "ring_sp_mc");
    private static final Gen<Integer> CACHE_SIZE = Generate.pick(List.of(1, 2, 3, 4, 8, 0, 5, 6, 7, 16, 32));
    private static final Gen<Integer> USER_CACHE_SIZE = Generate.pick(List.of(1, 2, 3, 4, 8, 5, 6, 16, 40));
    private static final Gen<Integer> ELT_SIZE = Generate.pick(List.of(8, 0, 13, 64, 100));
    private static final Gen<Route> ROUTE = Generate.pick(List.of(Route.values()));
    private static final Gen<MisuseKind> MISUSE = Generate.pick(List.of(MisuseKind.values()));
    private static final Gen<Foreign> FOREIGN = Generate.pick(List.of(Foreign.values()));
    private static final Gen<Boolean> BOOL = Generate.booleans();

    private PoolGenerators() {
    }

    /**
     * What a property needs its scenarios to have.
     *
     * @param driver the driver every pool uses, or null to generate it
     * @param debug debug checks on in every pool
     * @param stats statistics on in every pool
     * @param misuse refused puts among the commands (they need {@code debug})
     */
    record Options(String driver, boolean debug, boolean stats, boolean misuse) {
        static final Options ANY = new Options(null, false, false, false);
        static final Options RECORDING = new Options(RecordingDriver.FIFO, false, false, false);
        static final Options STATS = new Options(RecordingDriver.FIFO, false, true, false);
        static final Options MISUSE = new Options(null, true, false, true);
    }

    static Gen<PoolConfig> configs(Options o) {
        return in -> {
            CachePolicy policy = POLICY.generate(in);
            String driver = o.driver() != null ? o.driver() : driver(in);
            int cacheSize = CACHE_SIZE.generate(in);
            int min = PoolConfig.minSize(policy, cacheSize);
            int n = draw(in, min, min + 24);
            List<Integer> users = new ArrayList<>();
            int userCount = draw(in, 0, 2);
            for (int i = 0; i < userCount; i++) {
                users.add(USER_CACHE_SIZE.generate(in));
            }
            int eltSize = ELT_SIZE.generate(in);
            int flags = draw(in, 0, 3) == 0 ? Mempool.NO_CACHE_ALIGN : 0;
            if (driver == null) {
                flags |= draw(in, 0, 3) * Mempool.SP_PUT; // SP_PUT and SC_GET: bits 0x4 and 0x8
            }
            boolean debug = o.debug() || BOOL.generate(in);
            boolean stats = o.stats() || BOOL.generate(in);
            return new PoolConfig(policy, driver, n, cacheSize, List.copyOf(users), eltSize, flags, debug, stats);
        };
    }

    /** A named driver, or now and then none, so that the flags choose it. */
    private static String driver(RandomnessSource in) {
        int i = draw(in, 0, DRIVERS.size());
        return i == DRIVERS.size() ? null : DRIVERS.get(i);
    }

    static Gen<PoolScenario> scenarios(Options o) {
        return in -> {
            PoolConfig config = configs(o).generate(in);
            return new PoolScenario(config, repeated(in, MAX_STEPS, r -> command(r, config, o)));
        };
    }

    /**
     * A command list in which a command sometimes repeats a few times in a row, so that a cache fills up or drains
     * through one route (a flush of half needs the cache more than half full). The repeat count shrinks to 1.
     */
    static List<PoolCommand> repeated(RandomnessSource in, int maxSize,
                                      Function<RandomnessSource, PoolCommand> command) {
        List<PoolCommand> out = new ArrayList<>();
        for (List<PoolCommand> run : Gens.commands(in, maxSize / 2, r -> {
            PoolCommand c = command.apply(r);
            int times = draw(r, 0, 1) == 0 ? 1 : draw(r, 1, 5);
            return Collections.nCopies(times, c);
        })) {
            out.addAll(run);
        }
        return List.copyOf(out.subList(0, Math.min(out.size(), maxSize)));
    }

    static Via via(RandomnessSource in, PoolConfig c) {
        Route route = ROUTE.generate(in);
        if (route == Route.USER) {
            if (c.userCaches().isEmpty()) {
                return Via.NONE;
            }
            return new Via(Route.USER, draw(in, 0, c.userCaches().size() - 1));
        }
        return new Via(route, 0);
    }

    /** A get, a put, a flush, now and then a stats reset, and with {@code misuse} a refused put. */
    static PoolCommand command(RandomnessSource in, PoolConfig c, Options o) {
        int what = draw(in, 0, 99);
        Via via = via(in, c);
        boolean single = via.hasSingleForm() && draw(in, 0, 3) == 0;
        int size = switch (via.route()) {
            case USER -> c.userCaches().get(via.user());
            case NONE -> Math.max(c.cacheSize(), c.userCaches().stream().mapToInt(Integer::intValue).max().orElse(1));
            default -> c.cacheSize();
        };
        // Often at most half the cache (appends, flushes of half, refills), often up to twice its size (bypasses),
        // sometimes past the pool (failed gets).
        int range = draw(in, 0, 9);
        int n = draw(in, 0, range < 4 ? Math.max(1, size / 2) : range < 8 ? 2 * size + 2 : c.n() + 3);
        int off = draw(in, 0, 2);
        int slack = draw(in, 0, 1);
        if (o.misuse() && what >= 80) {
            MisuseKind kind = MISUSE.generate(in);
            Foreign foreign = FOREIGN.generate(in);
            boolean alone = kind != MisuseKind.DUPLICATE_IN_BATCH && single;
            return new Misuse(kind, foreign, via, alone, Math.min(n, 6), draw(in, 0, c.n()), draw(in, 0, 7),
                    draw(in, 1, 8));
        }
        if (what < 45) {
            return new Get(via, single, single ? 1 : n, off, slack);
        }
        if (what < 85) {
            return new Put(via, single, single ? 1 : n, draw(in, 0, 7), off, slack);
        }
        if (what < 98 || !c.stats()) {
            return new Flush(via.route() == Route.NONE ? Via.DEFAULT : via);
        }
        return new ResetStats();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Bad calls

    private static final Gen<Entry> ENTRY = Generate.pick(List.of(Entry.values()));
    private static final Gen<Integer> NEGATIVE = Generate.pick(List.of(-1, -2, -1000, Integer.MIN_VALUE));
    private static final Gen<String> OPS_NAMES = Generate.pick(List.of("nope", "stack", "ring_mp_mc", "",
            "RING_MP_MC", "pbt_recording_fifo "));

    /**
     * A few valid commands to put the pool in some state, then one bad call; the runner drains after it, so what
     * the pool holds is checked against the model too.
     */
    static Gen<PoolScenario> badCallScenarios() {
        return in -> {
            PoolConfig config = configs(Options.ANY).generate(in);
            List<PoolCommand> commands = new ArrayList<>(repeated(in, 8, r -> command(r, config, Options.ANY)));
            commands.add(new Bad(badCall(in, config)));
            return new PoolScenario(config, List.copyOf(commands));
        };
    }

    static BadPoolCall badCall(RandomnessSource in, PoolConfig c) {
        Entry entry = ENTRY.generate(in);
        Via via = via(in, c);
        if ((entry == Entry.GET_BULK || entry == Entry.PUT_BULK || entry == Entry.PUT) && !via.hasSingleForm()) {
            via = draw(in, 0, 1) == 0 ? Via.DEFAULT : Via.LCORE2; // the plain calls
        }
        if ((entry == Entry.GENERIC_GET || entry == Entry.GENERIC_PUT) && via.hasSingleForm()) {
            via = Via.NONE;
        }
        List<Defect> admitted = admitted(entry);
        Set<Defect> defects = EnumSet.noneOf(Defect.class);
        // A full pool refuses a good chunk too (ENOSPC): the state alone makes those calls bad, half the time.
        boolean stateAlone = entry == Entry.POPULATE_FULL || entry == Entry.POPULATE_IOVA_FULL;
        if (entry == Entry.POPULATE_EMPTY && BOOL.generate(in)) {
            // Half the time the chunk is good but holds no object: too small, or misaligned.
            defects.add(BOOL.generate(in) ? Defect.TINY_CHUNK : Defect.MISALIGNED_CHUNK);
        } else if (!admitted.isEmpty() && !(stateAlone && BOOL.generate(in))) {
            defects.add(admitted.get(draw(in, 0, admitted.size() - 1)));
            for (Defect d : admitted) {
                if (draw(in, 0, 5) == 0 && compatible(defects, d)) {
                    defects.add(d);
                }
            }
        }
        int n = defects.contains(Defect.NEGATIVE_N) ? NEGATIVE.generate(in) : draw(in, 0, 4);
        if (defects.contains(Defect.FOREIGN_HANDLE) && n == 0) {
            n = 1;
        }
        int off = draw(in, 0, 3);
        int length = off + Math.max(0, n) + draw(in, 0, 2);
        if (defects.contains(Defect.RANGE_PAST_END)) {
            if (n > 0 && BOOL.generate(in)) {
                length = off + n - draw(in, 1, n); // the array is too short
            } else {
                off = draw(in, 0, 1) == 0 ? length + draw(in, 1, 16) : Integer.MAX_VALUE;
            }
        }
        if (defects.contains(Defect.NEGATIVE_OFFSET)) {
            off = draw(in, 0, 1) == 0 ? -draw(in, 1, 64) : Integer.MIN_VALUE;
        }
        String opsName = entry == Entry.SET_OPS_EMPTY
                ? (draw(in, 0, 4) == 0 ? null : List.of("nope", "", "RING_MP_MC", "stack ", "x".repeat(40))
                        .get(draw(in, 0, 4)))
                : OPS_NAMES.generate(in);
        return new BadPoolCall(entry, via, Set.copyOf(defects), n, off, length, FOREIGN.generate(in), draw(in, 0, 7),
                draw(in, 0, c.n() - 1), opsName);
    }

    /** The defects an entry point can have; the state-only entries have none of their own. */
    static List<Defect> admitted(Entry e) {
        List<Defect> d = new ArrayList<>();
        if (e.takesArray()) {
            d.addAll(List.of(Defect.NEGATIVE_N, Defect.NEGATIVE_OFFSET, Defect.RANGE_PAST_END, Defect.NULL_ARRAY));
        }
        if (e.takesCache()) {
            d.addAll(List.of(Defect.FREED_CACHE, Defect.CACHE_HOLDING_OTHER_POOL, Defect.OTHER_POOLS_DEFAULT_CACHE));
        }
        if (e.puts()) {
            d.add(Defect.FOREIGN_HANDLE);
        }
        if (e == Entry.POPULATE_FULL || e == Entry.POPULATE_IOVA_FULL || e == Entry.POPULATE_EMPTY) {
            d.addAll(List.of(Defect.NULL_CHUNK, Defect.CLOSED_CHUNK, Defect.READ_ONLY_CHUNK));
        }
        if (e == Entry.POPULATE_EMPTY) {
            d.addAll(List.of(Defect.TINY_CHUNK, Defect.MISALIGNED_CHUNK));
        }
        if (e == Entry.SET_OPS_EMPTY) {
            d.add(Defect.UNKNOWN_OPS);
        }
        return d;
    }

    /** One cache argument and one chunk argument per call. */
    private static boolean compatible(Set<Defect> chosen, Defect d) {
        Set<Defect> caches = EnumSet.of(Defect.FREED_CACHE, Defect.CACHE_HOLDING_OTHER_POOL,
                Defect.OTHER_POOLS_DEFAULT_CACHE);
        Set<Defect> chunks = EnumSet.of(Defect.NULL_CHUNK, Defect.CLOSED_CHUNK, Defect.READ_ONLY_CHUNK,
                Defect.TINY_CHUNK, Defect.MISALIGNED_CHUNK);
        for (Set<Defect> group : List.of(caches, chunks)) {
            if (group.contains(d) && chosen.stream().anyMatch(group::contains)) {
                return false;
            }
        }
        return !(d == Defect.NULL_ARRAY && chosen.contains(Defect.RANGE_PAST_END))
                && !(d == Defect.RANGE_PAST_END && chosen.contains(Defect.NULL_ARRAY));
    }
}
