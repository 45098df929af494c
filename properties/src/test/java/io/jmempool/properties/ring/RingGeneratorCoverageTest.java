package io.jmempool.properties.ring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jmempool.properties.Refusal;
import io.jmempool.properties.ring.RingCommand.Kind;
import io.jmempool.properties.ring.RingCommand.Reset;
import io.jmempool.properties.ring.RingCommand.Transfer;
import io.jmempool.properties.ring.Trace.Snapshot;
import io.jmempool.properties.ring.Trace.Step;

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
 * Guards the generators: a property that never reaches a full ring, a refused bulk or an index wrap passes without
 * testing anything. A fixed-seed sample must reach each situation in a fair share of its scenarios. The counts are
 * printed to the test's output file.
 */
class RingGeneratorCoverageTest {
    private static final int SAMPLE = 1000;

    private static <T> List<T> sample(Gen<T> gen) {
        List<T> out = new ArrayList<>();
        QuickTheory.qt().withFixedSeed(20260723L).withExamples(SAMPLE).forAll(gen).checkAssert(out::add);
        return out;
    }

    @Test
    void scenariosReachEverySituationTheLawsAreAbout() {
        Map<String, Integer> seen = new TreeMap<>();
        for (Scenario s : sample(RingGenerators.scenarios())) {
            Set<String> events = new HashSet<>();
            RingConfig c = s.config();
            events.add("mode " + RingConfig.modeName(c.mode()));
            events.add("esize " + c.esize());
            events.add(c.exact() ? "EXACT_SZ" : "power-of-two count");
            events.add(c.specialized() ? "specialized class" : "shared class");
            events.add(c.start() == 0 ? "start 0" : c.start() < 0 ? "start near 2^32" : "start near 2^31");
            if (c.capacity() == 0) {
                events.add("capacity 0");
            }
            Trace t = RingRunner.run(s);
            int mask = c.slots() - 1;
            for (int i = 0; i < t.steps().size(); i++) {
                Step step = t.steps().get(i);
                Snapshot before = t.before(i);
                Snapshot after = step.after();
                if (step.command() instanceof Reset && before.count() > 0) {
                    events.add("reset of a non-empty ring");
                }
                if (!(step.command() instanceof Transfer x)) {
                    continue;
                }
                events.add("call " + x.method() + " " + x.api());
                events.add("out " + x.out());
                events.add("memory " + x.memory());
                int n = x.kind() == Kind.SINGLE ? 1 : x.n();
                int moved = step.outcome().returned();
                if (n == 0) {
                    events.add("n = 0");
                }
                if (n > c.capacity()) {
                    events.add("n > capacity");
                }
                if (x.kind() != Kind.BURST && n > 0 && moved == 0) {
                    events.add("refused " + x.kind() + " " + x.direction());
                }
                if (x.kind() == Kind.BURST && moved > 0 && moved < n) {
                    events.add("trimmed burst " + x.direction());
                }
                if (after.full() && c.capacity() > 0) {
                    events.add("full");
                }
                int head = before.indices()[x.enqueue() ? 0 : 2];
                int headAfter = after.indices()[x.enqueue() ? 0 : 2];
                if ((head & mask) + moved > c.slots()) {
                    events.add("copy split at the slot wrap");
                }
                if (moved > 0 && Integer.compareUnsigned(headAfter, head) < 0) {
                    events.add((x.enqueue() ? "prod" : "cons") + " index crosses 2^32");
                }
                if (moved > 0 && head >= 0 && headAfter < 0) {
                    events.add((x.enqueue() ? "prod" : "cons") + " index crosses 2^31");
                }
            }
            events.forEach(e -> seen.merge(e, 1, Integer::sum));
        }
        report("scenarios", seen);
        List<String> required = new ArrayList<>(List.of("capacity 0", "n = 0", "n > capacity", "full",
                "refused BULK ENQUEUE", "refused BULK DEQUEUE", "refused SINGLE ENQUEUE", "refused SINGLE DEQUEUE",
                "trimmed burst ENQUEUE", "trimmed burst DEQUEUE", "copy split at the slot wrap",
                "prod index crosses 2^32", "cons index crosses 2^32",
                "prod index crosses 2^31", "cons index crosses 2^31", "reset of a non-empty ring", "out ABSENT", "out NULL",
                "out ONE", "out WIDE", "memory NATIVE", "memory HEAP", "memory READ_ONLY", "EXACT_SZ",
                "power-of-two count", "specialized class", "shared class"));
        for (int mode : RingConfig.MODES) {
            required.add("mode " + RingConfig.modeName(mode));
        }
        for (int esize : new int[] {4, 8, 16, 20}) {
            required.add("esize " + esize);
        }
        for (String prefix : new String[] {"e", "spE", "mpE"}) {
            for (String suffix : new String[] {"", "Bulk", "Burst"}) {
                String enq = prefix + "nqueue" + suffix;
                String deq = (prefix.equals("e") ? "d" : prefix.equals("spE") ? "scD" : "mcD") + "equeue" + suffix;
                required.add("call " + enq + " LONGS");
                required.add("call " + deq + " LONGS");
                if (prefix.equals("e") || !suffix.isEmpty()) {
                    required.add("call " + enq + " SEGMENT");
                    required.add("call " + deq + " SEGMENT");
                }
            }
        }
        assertShare(seen, required, 2, Map.of());
    }

    @Test
    void badInputReachesEveryEntryPointAndEveryRefusal() {
        Map<String, Integer> seen = new TreeMap<>();
        for (BadCreate c : sample(BadCreate.generator())) {
            Refusal r = c.refusal();
            seen.merge("create " + c.entry() + " -> " + r.type().getSimpleName() + " " + r.fragment().split(" ")[0], 1,
                    Integer::sum);
        }
        for (BadCall c : sample(BadCall.generator())) {
            seen.merge("call " + c.shape().api() + " " + c.shape().kind() + " " + c.shape().direction(), 1,
                    Integer::sum);
            for (Refusal r : c.refusals()) {
                String what = r.fragment().isEmpty() ? "(freed ring)" : r.fragment().split("[ :.]")[0];
                seen.merge("refusal " + r.type().getSimpleName() + " " + what, 1, Integer::sum);
            }
        }
        report("bad input", seen);
        List<String> required = new ArrayList<>();
        for (String fragment : new String[] {"esize", "count"}) {
            required.add("create MEMORY_SIZE -> IllegalArgumentException " + fragment);
        }
        for (String entry : new String[] {"CREATE_ELEM", "BUILDER"}) {
            for (String fragment : new String[] {"esize", "count", "name", "flags"}) {
                required.add("create " + entry + " -> IllegalArgumentException " + fragment);
            }
            required.add("create " + entry + " -> NameInUseException name");
        }
        for (String fragment : new String[] {"count", "name", "flags"}) {
            required.add("create CREATE -> IllegalArgumentException " + fragment);
        }
        required.add("create CREATE -> NameInUseException name");
        required.add("create LOOKUP -> NullPointerException name");
        for (String r : new String[] {"IllegalArgumentException n", "IllegalArgumentException dst",
                "IndexOutOfBoundsException objs", "IndexOutOfBoundsException obj", "IndexOutOfBoundsException src",
                "IndexOutOfBoundsException dst", "IndexOutOfBoundsException freeSpace",
                "IndexOutOfBoundsException available", "NullPointerException src", "NullPointerException dst",
                "NullPointerException objs", "NullPointerException obj", "IllegalStateException src",
                "IllegalStateException dst", "IllegalStateException esize",
                "IllegalStateException (freed ring)"}) {
            required.add("refusal " + r);
        }
        // A name in use is refused only when all else is valid, and lookup(null) is a single input, which
        // QuickTheories generates once: it skips inputs it has already tried.
        assertShare(seen, required, 1, Map.of("create CREATE -> NameInUseException name", 3,
                "create CREATE_ELEM -> NameInUseException name", 3, "create BUILDER -> NameInUseException name", 3,
                "create LOOKUP -> NullPointerException name", 1));
    }

    private static void report(String what, Map<String, Integer> seen) {
        System.out.println("Generator coverage, " + what + " (of " + SAMPLE + "):");
        seen.forEach((k, v) -> System.out.printf("  %5d  %s%n", v, k));
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
