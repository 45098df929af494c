package io.jmempool.stress.lincheck;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.kotlinx.lincheck.util.ValueResult;
import org.jetbrains.lincheck.datastructures.verifier.Verifier;

/**
 * Linearizability against the non-deterministic {@link MempoolBagSpec}: is there an order of the operations, which
 * keeps every thread's program order and every real-time order Lincheck observed (an operation that finished before
 * another started comes first), and a choice among each operation's allowed outcomes, that gives exactly the results
 * the run produced? Lincheck's own verifier explores orders but needs a deterministic specification; this one carries
 * the set of states the specification may be in instead of a single state.
 *
 * <p>The search is a dynamic programme over how many operations of each thread have been placed: the states
 * reachable after placing a given prefix of each thread do not depend on the order the prefixes were interleaved in,
 * because applying an operation maps a set of states element by element, and whether an operation may be placed next
 * depends only on the prefixes already placed. Scenarios are small (two threads of three), so each table has at most
 * 16 cells. Any result that is not a value (an exception, such as the ownership table's "handed out twice") fails.
 */
public final class MempoolBagVerifier implements Verifier {
    private final Class<?> specification;

    /**
     * Lincheck creates verifiers with the test's sequential specification.
     *
     * @param sequentialSpecification a {@link MempoolBagSpec} subclass
     */
    public MempoolBagVerifier(Class<?> sequentialSpecification) {
        if (!MempoolBagSpec.class.isAssignableFrom(sequentialSpecification)) {
            throw new IllegalArgumentException(sequentialSpecification + " is not a MempoolBagSpec");
        }
        this.specification = sequentialSpecification;
    }

    @Override
    public boolean verifyResults(ExecutionScenario scenario, ExecutionResult result) {
        MempoolBagSpec spec = newSpec();
        int threads = scenario.getParallelExecution().size();
        Set<Long> states = sequential(spec, threads, Set.of(spec.initial()), scenario.getInitExecution(),
                result.getInitResults());
        if (states.isEmpty()) {
            return false;
        }
        states = parallel(spec, scenario.getParallelExecution(), result.getParallelResultsWithClock(), states);
        if (states.isEmpty()) {
            return false;
        }
        return !sequential(spec, threads, states, scenario.getPostExecution(), result.getPostResults()).isEmpty();
    }

    private MempoolBagSpec newSpec() {
        try {
            return (MempoolBagSpec) specification.getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                 | NoSuchMethodException e) {
            throw new IllegalStateException("cannot create " + specification, e);
        }
    }

    private static Set<Long> sequential(MempoolBagSpec spec, int threads, Set<Long> states, List<Actor> actors,
                                        List<? extends LincheckResult> results) {
        for (int i = 0; i < actors.size() && !states.isEmpty(); i++) {
            states = apply(spec, threads, states, actors.get(i), results.get(i));
        }
        return states;
    }

    /** The states reachable after every parallel operation has been placed, over all allowed orders. */
    private static Set<Long> parallel(MempoolBagSpec spec, List<List<Actor>> actors, List<List<ResultWithClock>> results,
                                      Set<Long> start) {
        int threads = actors.size();
        int[] radix = new int[threads];
        int cells = 1;
        for (int t = 0; t < threads; t++) {
            radix[t] = cells;
            cells *= actors.get(t).size() + 1;
        }
        List<Set<Long>> table = new ArrayList<>(cells);
        for (int c = 0; c < cells; c++) {
            table.add(new HashSet<>());
        }
        table.get(0).addAll(start);
        // Cells in increasing index order: every predecessor (one thread one step back) has a smaller index.
        for (int c = 0; c < cells; c++) {
            Set<Long> here = table.get(c);
            if (here.isEmpty()) {
                continue;
            }
            for (int t = 0; t < threads; t++) {
                int placed = c / radix[t] % (actors.get(t).size() + 1);
                if (placed == actors.get(t).size()) {
                    continue;
                }
                ResultWithClock r = results.get(t).get(placed);
                if (!startedAfterPlaced(r.getClockOnStart().getClock(), c, radix, actors, t)) {
                    continue;
                }
                table.get(c + radix[t]).addAll(apply(spec, threads, here, actors.get(t).get(placed), r.getResult()));
            }
        }
        return table.get(cells - 1);
    }

    /** Whether every operation that finished before this one started is among those already placed. */
    private static boolean startedAfterPlaced(int[] clock, int cell, int[] radix, List<List<Actor>> actors, int self) {
        for (int u = 0; u < clock.length; u++) {
            if (u != self && cell / radix[u] % (actors.get(u).size() + 1) < clock[u]) {
                return false;
            }
        }
        return true;
    }

    /** The states in which the actor may produce {@code result}, after it. */
    private static Set<Long> apply(MempoolBagSpec spec, int threads, Set<Long> states, Actor actor,
                                   LincheckResult result) {
        if (!(result instanceof ValueResult value) || !(value.getValue() instanceof Outcome actual)) {
            return Set.of(); // an exception, a timeout, or nothing at all
        }
        List<Object> args = actor.getArguments();
        int worker = MempoolUnderTest.worker((Integer) args.get(0), threads);
        int k = args.size() > 1 ? (Integer) args.get(1) : 1;
        String op = actor.getMethod().getName();
        Set<Long> next = new HashSet<>();
        for (long s : states) {
            spec.step(s, op, worker, k, (outcome, after) -> {
                if (outcome.equals(actual)) {
                    next.add(after);
                }
            });
        }
        return next;
    }
}
