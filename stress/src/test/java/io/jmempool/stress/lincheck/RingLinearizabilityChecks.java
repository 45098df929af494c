package io.jmempool.stress.lincheck;

import org.junit.jupiter.api.Test;

/**
 * The two checks every ring mode's test class runs, against {@link BoundedFifoSpec}: model checking and stress. A mode
 * class declares its operations (their non-parallel groups differ, and Lincheck reads them from annotations) and
 * implements this interface for the checks.
 */
interface RingLinearizabilityChecks {
    @Test
    default void linearizableUnderModelChecking() {
        LincheckRuns.modelChecking().check(getClass());
    }

    @Test
    default void linearizableUnderStress() {
        LincheckRuns.stress().check(getClass());
    }
}
