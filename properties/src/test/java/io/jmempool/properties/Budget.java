package io.jmempool.properties;

import org.quicktheories.QuickTheory;

/**
 * How hard every property in this module tries: one knob for the ring and the mempool alike.
 *
 * <p>{@code mvn verify} runs {@value #DEFAULT_EXAMPLES} generated sequences per property; {@code -Pthorough} or
 * {@code -Djmempool.examples=N} raises it. A failure prints QuickTheories' shrunk counterexample and its seed; rerun
 * that seed with {@code -DQT_SEED=<seed>}. Shrinking gets more cycles than QuickTheories' default of 100, because a
 * command list needs many small steps to reach its minimal form.
 */
public final class Budget {
    /** Sequences per property in a plain build. */
    public static final int DEFAULT_EXAMPLES = 1000;
    /** Sequences per property in this run. */
    public static final int EXAMPLES = Integer.getInteger("jmempool.examples", DEFAULT_EXAMPLES);
    private static final int SHRINK_CYCLES = 5000;

    private Budget() {
    }

    /**
     * QuickTheories with this run's budget.
     *
     * @return the theory builder
     */
    public static QuickTheory qt() {
        return QuickTheory.qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES);
    }
}
