package io.jmempool.properties.mempool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jmempool.mempool.CachePolicy;
import io.jmempool.properties.Refusal;
import io.jmempool.properties.mempool.BadPoolCall.Defect;
import io.jmempool.properties.mempool.PoolCommand.Bad;
import io.jmempool.properties.mempool.PoolCommand.Flush;
import io.jmempool.properties.mempool.PoolCommand.Get;
import io.jmempool.properties.mempool.PoolCommand.Misuse;
import io.jmempool.properties.mempool.PoolCommand.Put;
import io.jmempool.properties.mempool.PoolCommand.ResetStats;
import io.jmempool.properties.mempool.PoolCommand.Route;
import io.jmempool.properties.mempool.PoolGenerators.Options;
import io.jmempool.properties.mempool.PoolTrace.Outcome;
import io.jmempool.properties.mempool.PoolTrace.Snapshot;
import io.jmempool.properties.mempool.PoolTrace.Step;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * Guards the generators: a property that never reaches a refill, a rollback or a flush passes without testing
 * anything. A fixed-seed sample must reach each situation in a fair share of its scenarios; the algorithm steps are
 * the ones the model took, named as in {@code Mempool} and spec/MempoolCache.tla. The counts are printed to the
 * test's output file.
 */
class MempoolGeneratorCoverageTest {
    private static final int SAMPLE = 1000;

    private static <T> List<T> sample(Gen<T> gen) {
        List<T> out = new ArrayList<>();
        QuickTheory.qt().withFixedSeed(20260723L).withExamples(SAMPLE).forAll(gen).checkAssert(out::add);
        return out;
    }

    @Test
    void scenariosReachEveryCacheStepAndEverySituationTheLawsAreAbout() {
        Map<String, Integer> seen = new TreeMap<>();
        for (PoolScenario s : sample(PoolGenerators.scenarios(Options.ANY))) {
            Set<String> events = new HashSet<>();
            PoolConfig c = s.config();
            events.add("policy " + c.policy());
            events.add("driver " + c.expectedDriver() + (c.driver() == null ? " by flags" : ""));
            events.add(c.cacheSize() == 0 ? "no default cache" : c.cacheSize() == 1 ? "default cache of 1"
                    : "default cache of 2 or more");
            events.add(c.userCaches().size() + " user caches");
            if (c.userCaches().stream().anyMatch(u -> c.bound(u) > c.n())) {
                events.add("a user cache that can hold more than the pool");
            }
            PoolTrace t = PoolRunner.run(s);
            String policy = c.policy() == CachePolicy.V26_07 ? "v26.07 " : "LTS ";
            PoolTrace generated = new PoolTrace(s, t.pool(), t.handles(), t.initial(),
                    t.steps().subList(0, s.commands().size()));
            PoolChecks.agreesWithModel(generated).forEach(step -> events.add(policy + step));
            for (int i = 0; i < s.commands().size(); i++) { // the generated steps, not the drain
                Step step = t.steps().get(i);
                Snapshot before = t.before(i);
                Snapshot after = step.after();
                Outcome o = step.outcome();
                if (after.full()) {
                    events.add("full");
                }
                if (after.empty()) {
                    events.add("empty");
                }
                switch (step.command()) {
                    case Get g -> {
                        events.add("get via " + g.via().route() + (g.single() ? " single" : ""));
                        if (!g.single() && g.n() == 0) {
                            events.add("get of 0");
                        }
                        if (g.n() > c.n()) {
                            events.add("get of more than the pool");
                        }
                        int elsewhere = before.avail() + before.userLens().stream().mapToInt(Integer::intValue).sum()
                                - before.lengthOf(g.via()) - before.commonPool();
                        if (Boolean.FALSE.equals(o.ok()) && elsewhere > 0) {
                            events.add("a get fails while another cache holds objects");
                        }
                    }
                    case Put p -> {
                        events.add("put via " + p.via().route() + (p.single() ? " single" : ""));
                        if (!o.skipped() && o.offered().isEmpty()) {
                            events.add("put of 0");
                        }
                    }
                    case Flush f -> {
                        if (before.lengthOf(f.via()) > 0) {
                            events.add("flush of a non-empty cache via " + f.via().route());
                        }
                    }
                    case ResetStats r -> events.add("statsReset");
                    default -> { }
                }
            }
            events.forEach(e -> seen.merge(e, 1, Integer::sum));
        }
        report("scenarios", seen);
        List<String> required = new ArrayList<>(List.of("full", "empty", "get of 0", "get of more than the pool",
                "put of 0", "a get fails while another cache holds objects", "no default cache",
                "default cache of 1", "default cache of 2 or more", "0 user caches", "1 user caches",
                "2 user caches", "a user cache that can hold more than the pool", "statsReset",
                "get via DEFAULT single", "get via LCORE2 single", "put via DEFAULT single", "put via LCORE2 single"));
        for (String d : List.of(RecordingDriver.FIFO, "ring_mp_mc", "stack", "ring_sp_sc", "ring_mp_sc",
                "ring_sp_mc")) {
            required.add("driver " + d);
        }
        required.add("driver ring_mp_mc by flags");
        required.add("driver ring_sp_sc by flags");
        for (Route r : Route.values()) {
            required.add("get via " + r);
            required.add("put via " + r);
            if (r != Route.NONE) {
                required.add("flush of a non-empty cache via " + r);
            }
        }
        for (String p : List.of("v26.07 ", "LTS ")) {
            for (String step : List.of("GetDirect", "GetHit", "GetBypass", "GetRollback", "GetFail", "PutDirect",
                    "PutAppend", "PutBypass")) {
                required.add(p + step);
            }
        }
        required.addAll(List.of("v26.07 GetRefill", "v26.07 PutFlushHalf", "LTS GetRefillFull", "LTS PutFlushAll"));
        assertShare(seen, required, 2);
    }

    @Test
    void misuseAndBadInputReachEveryKindEveryEntryPointAndEveryDefect() {
        Map<String, Integer> seen = new TreeMap<>();
        for (PoolScenario s : sample(PoolGenerators.scenarios(Options.MISUSE))) {
            Set<String> events = new HashSet<>();
            PoolTrace t = PoolRunner.run(s);
            for (Step step : t.steps()) {
                if (step.command() instanceof Misuse m && !step.outcome().skipped()) {
                    events.add("misuse " + m.kind() + (m.kind() == PoolCommand.MisuseKind.FOREIGN_HANDLE
                            ? " " + m.foreign() : "") + (m.single() ? " single" : ""));
                }
            }
            events.forEach(e -> seen.merge(e, 1, Integer::sum));
        }
        for (PoolScenario s : sample(PoolGenerators.badCallScenarios())) {
            BadPoolCall b = ((Bad) s.commands().get(s.commands().size() - 1)).call();
            seen.merge("bad " + b.entry(), 1, Integer::sum);
            for (Defect d : b.defects()) {
                seen.merge("defect " + d, 1, Integer::sum);
            }
            if (b.code() != null) {
                seen.merge("code " + b.code(), 1, Integer::sum);
            }
        }
        for (BadPoolCreate c : sample(BadPoolCreate.generator())) {
            Refusal r = c.refusals().get(0);
            seen.merge("create " + c.entry() + " -> " + r.type().getSimpleName() + " " + r.fragment().split(" ")[0],
                    1, Integer::sum);
        }
        report("misuse and bad input", seen);
        List<String> required = new ArrayList<>();
        for (PoolCommand.MisuseKind k : PoolCommand.MisuseKind.values()) {
            if (k != PoolCommand.MisuseKind.FOREIGN_HANDLE) {
                required.add("misuse " + k);
            }
        }
        for (PoolCommand.Foreign f : PoolCommand.Foreign.values()) {
            required.add("misuse FOREIGN_HANDLE " + f);
            required.add("misuse FOREIGN_HANDLE " + f + " single");
        }
        required.addAll(List.of("misuse DOUBLE_PUT single", "misuse OVERRUN single"));
        for (BadPoolCall.Entry e : BadPoolCall.Entry.values()) {
            required.add("bad " + e);
        }
        for (Defect d : Defect.values()) {
            required.add("defect " + d);
        }
        required.addAll(List.of("code -17", "code -28", "code 0"));
        for (String e : List.of("CREATE_EMPTY", "BUILDER", "CREATE")) {
            for (String f : List.of("n", "cacheSize", "flags", "eltSize", "privateDataSize", "name")) {
                required.add("create " + e + " -> IllegalArgumentException " + f);
            }
            required.add("create " + e + " -> NameInUseException name");
        }
        required.addAll(List.of("create CACHE_CREATE -> IllegalArgumentException size",
                "create NULL_POLICY -> NullPointerException policy", "create LOOKUP -> NullPointerException name"));
        assertShare(seen, required, 1, Map.of("create LOOKUP -> NullPointerException name", 1,
                "create CREATE_EMPTY -> NameInUseException name", 3, "create BUILDER -> NameInUseException name", 3,
                "create CREATE -> NameInUseException name", 3));
    }

    private static void report(String what, Map<String, Integer> seen) {
        System.out.println("Generator coverage, " + what + " (of " + SAMPLE + "):");
        seen.forEach((k, v) -> System.out.printf("  %5d  %s%n", v, k));
    }

    private static void assertShare(Map<String, Integer> seen, List<String> required, int percent) {
        assertShare(seen, required, percent, Map.of());
    }

    private static void assertShare(Map<String, Integer> seen, List<String> required, int percent,
                                    Map<String, Integer> rarer) {
        List<String> rare = new ArrayList<>();
        for (String r : required) {
            int got = seen.getOrDefault(r, 0);
            if (got < rarer.getOrDefault(r, SAMPLE * percent / 100)) {
                rare.add(r + " (" + got + ")");
            }
        }
        assertTrue(rare.isEmpty(), "seen too rarely: " + rare);
    }
}
