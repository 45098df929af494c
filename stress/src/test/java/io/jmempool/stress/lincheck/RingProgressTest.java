package io.jmempool.stress.lincheck;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jetbrains.kotlinx.lincheck.strategy.ObstructionFreedomViolationFailure;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * Progress, as {@code Ring}'s javadoc states it, checked by Lincheck's obstruction-freedom mode: a thread running
 * alone must finish in a bounded number of its own steps.
 */
class RingProgressTest {
    /**
     * Expected failure. An MP enqueue that has claimed its slots and stalls before publishing makes every later MP
     * enqueue spin in W0 (EnqWaitTail) until it resumes; the same holds for MC dequeues in W1. DPDK documents this:
     * the ring is "not preemptible", and real-time threads must not share an MP/MC ring. Lincheck finds the stalled
     * claim and reports the spin; if this ever passes, the tail wait is gone and the ring no longer publishes in
     * claim order.
     */
    @Test
    void mpMcTailWaitIsNotObstructionFree() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class,
                () -> LincheckRuns.modelChecking().checkObstructionFreedom(true).check(MpMcRingLincheckTest.class));
        assertInstanceOf(ObstructionFreedomViolationFailure.class, e.getFailure$lincheck(), e::getMessage);
        System.out.println("Expected failure, for the record:\n" + e.getMessage()); // lands in the surefire report
    }

    /** SP/SC sides never wait: each operation is a bounded sequence of loads and stores. */
    @Test
    void spScIsObstructionFree() {
        LincheckRuns.modelChecking().checkObstructionFreedom(true).check(SpScRingLincheckTest.class);
    }

    /**
     * The same check as {@link #mpMcTailWaitIsNotObstructionFree()} on a specialised ring passes: Lincheck does not
     * instrument hidden classes, so it never switches threads inside the ring's code and cannot see the spin. Every
     * Lincheck check therefore builds its rings with {@code specialized(false)}; the algorithm is the same bytecode.
     * If this starts failing, Lincheck has learnt to see hidden classes and could check specialised rings too.
     */
    @Test
    void specialisedRingIsInvisibleToModelChecking() {
        LincheckRuns.modelChecking().checkObstructionFreedom(true).check(SpecialisedMpMcRing.class);
    }
}
