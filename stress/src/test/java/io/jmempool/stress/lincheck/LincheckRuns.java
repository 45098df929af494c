package io.jmempool.stress.lincheck;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import io.jmempool.internal.Mem;
import io.jmempool.stress.mutant.HbMem;

import org.jetbrains.kotlinx.lincheck.execution.RandomExecutionGenerator;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.verifier.LinearizabilityVerifier;
import org.jetbrains.lincheck.util.LoggingLevel;

/**
 * The Lincheck options every ring check uses, with budgets from system properties (set by stress/pom.xml: modest by
 * default, larger under {@code -Pthorough}). Every option is passed explicitly: Kotlin default arguments do not exist
 * for Java callers, and a default that changes between Lincheck versions should not change what we check.
 */
public final class LincheckRuns {
    static final int THREADS = 2;
    static final int ACTORS_PER_THREAD = 3;
    static final int ACTORS_BEFORE = 2;
    static final int ACTORS_AFTER = 1;
    /** Most elements a scenario can enqueue: every actor a burst of 3. Must stay below the ring's capacity. */
    static final int MAX_ELEMENTS = 3 * (THREADS * ACTORS_PER_THREAD + ACTORS_BEFORE + ACTORS_AFTER);

    /** Whether a failing scenario is minimised; the mutant runs turn it off, as it multiplies a kill's time. */
    private static final boolean MINIMIZE = Boolean.parseBoolean(System.getProperty("lincheck.minimize", "true"));

    static {
        if (MAX_ELEMENTS >= RingUnderTest.CAPACITY) {
            throw new AssertionError("scenarios could fill the ring: see RingUnderTest");
        }
    }

    private LincheckRuns() {
    }

    /**
     * Model checking: Lincheck runs the threads one at a time and chooses where to switch. It cannot see FFM
     * memory, so {@link Mem} (and the detector's copy, {@link HbMem}) are declared atomic: Lincheck switches threads
     * around every call, which makes every off-heap access of the ring a point where an interleaving can branch.
     *
     * @return options with the default budget
     */
    public static ModelCheckingOptions modelChecking() {
        return modelChecking(true);
    }

    /**
     * Model checking with or without the {@link Mem} guarantee. Without it, Lincheck does not see the ring's
     * off-heap accesses, so nothing makes it switch threads between them: the control that shows why the guarantee
     * is needed (RingMutantKillTest runs the get-then-set CAS mutant both ways).
     *
     * @param memAtomic whether to declare {@link Mem} and {@link HbMem} atomic
     * @return options with the default budget
     */
    public static ModelCheckingOptions modelChecking(boolean memAtomic) {
        ModelCheckingOptions o = shared(new ModelCheckingOptions(), "lincheck.mc", 12)
                .checkObstructionFreedom(false)
                // Lincheck 3.7's defaults, stated: a W0/W1 spin is recognised after 10 iterations.
                .loopIterationsBeforeThreadSwitch(10)
                .loopBound(50)
                .recursionBound(20)
                .enableAwaitLoopsAnalysis(true);
        return memAtomic
                ? o.addGuarantee(forClasses(Mem.class.getName(), HbMem.class.getName()).allMethods().treatAsAtomic())
                : o;
    }

    /**
     * Model checking for the happens-before detector: no init or post part, so that every access the detector sees
     * is made by a parallel thread after the constructor's {@code HappensBefore.reset()} (Lincheck orders the parts
     * by its own synchronisation, which the detector does not see). No minimisation either: it would move actors
     * into an init part and report a race between parts instead of the one found.
     *
     * @return options with the default budget
     */
    public static ModelCheckingOptions modelCheckingForRaceDetector() {
        return modelChecking(true).actorsBefore(0).actorsAfter(0).minimizeFailedScenario(false);
    }

    /**
     * Stress: real threads, real timing, no instrumentation of interleavings.
     *
     * @return options with the default budget
     */
    public static StressOptions stress() {
        return shared(new StressOptions(), "lincheck.stress", 8);
    }

    /**
     * The options model checking and stress share: the budget ({@code prefix.iterations}, 500
     * {@code prefix.invocations} by default), the scenario shape, the specification and the verifier.
     */
    private static <O extends Options<O, ?>> O shared(O options, String prefix, int iterations) {
        return options
                .iterations(Integer.getInteger(prefix + ".iterations", iterations))
                .invocationsPerIteration(Integer.getInteger(prefix + ".invocations", 500))
                .threads(THREADS)
                .actorsPerThread(ACTORS_PER_THREAD)
                .actorsBefore(ACTORS_BEFORE)
                .actorsAfter(ACTORS_AFTER)
                .executionGenerator(RandomExecutionGenerator.class)
                .sequentialSpecification(BoundedFifoSpec.class)
                .verifier(LinearizabilityVerifier.class)
                .minimizeFailedScenario(MINIMIZE)
                .logLevel(LoggingLevel.WARN);
    }
}
