package io.jmempool.properties.mempool;

import io.jmempool.properties.Budget;
import io.jmempool.properties.mempool.PoolGenerators.Options;

import org.junit.jupiter.api.Test;

/**
 * Generated single-threaded command lists over both cache policies, every built-in driver (FIFO rings chosen by name
 * or by the flags, the LIFO stack) and a recording FIFO driver, default caches of sizes 0 to 32 on two lcores, up to
 * two user-owned caches of sizes 1 to 40 (some larger than the pool), and calls of n from 0 to past the pool. Every
 * property runs {@link Budget#EXAMPLES} scenarios of up to {@value PoolGenerators#MAX_STEPS} steps and a drain; see
 * {@link PoolChecks} for what each law says.
 */
class MempoolModelProperties {
    @Test
    void everyStepAgreesWithTheCacheModel() {
        Budget.qt().forAll(PoolGenerators.scenarios(Options.ANY))
                .checkAssert(s -> PoolChecks.agreesWithModel(PoolRunner.run(s)));
    }

    @Test
    void objectsAreConservedAcrossBackendCachesAndCaller() {
        Budget.qt().forAll(PoolGenerators.scenarios(Options.ANY))
                .checkAssert(s -> PoolChecks.conservation(PoolRunner.run(s)));
    }

    @Test
    void noHandleIsHandedOutTwice() {
        Budget.qt().forAll(PoolGenerators.scenarios(Options.ANY))
                .checkAssert(s -> PoolChecks.noHandleHandedOutTwice(PoolRunner.run(s)));
    }

    @Test
    void aGetIsAllOrNothingAndFailsOnlyWhenCachePlusBackendFallShort() {
        Budget.qt().forAll(PoolGenerators.scenarios(Options.ANY))
                .checkAssert(s -> PoolChecks.getIsAllOrNothing(PoolRunner.run(s)));
    }

    @Test
    void cacheLengthStaysWithinThePolicysBound() {
        Budget.qt().forAll(PoolGenerators.scenarios(Options.ANY))
                .checkAssert(s -> PoolChecks.cacheLengthWithinBound(PoolRunner.run(s)));
    }

    @Test
    void theObjectsJustPutComeOutFirst() {
        Budget.qt().forAll(PoolGenerators.scenarios(Options.RECORDING))
                .checkAssert(s -> PoolChecks.objectsJustPutComeOutFirst(PoolRunner.run(s)));
    }

    @Test
    void theBackendMovesHalfACacheOrAWholeRequest() {
        Budget.qt().forAll(PoolGenerators.scenarios(Options.RECORDING))
                .checkAssert(s -> PoolChecks.backendMovesHalfACacheOrAWholeRequest(PoolRunner.run(s)));
    }

    @Test
    void availCountCountsDefaultCachesButNotUserCaches() {
        Budget.qt().forAll(PoolGenerators.scenarios(Options.ANY))
                .checkAssert(s -> PoolChecks.availCountCountsDefaultCachesNotUserCaches(PoolRunner.run(s)));
    }

    @Test
    void statisticsFollowDpdksCountingRules() {
        Budget.qt().forAll(PoolGenerators.scenarios(Options.STATS))
                .checkAssert(s -> PoolChecks.statsFollowDpdkRules(PoolRunner.run(s)));
    }

    @Test
    void misuseIsRefusedByNameAndChangesNothing() {
        Budget.qt().forAll(PoolGenerators.scenarios(Options.MISUSE))
                .checkAssert(s -> {
                    PoolTrace t = PoolRunner.run(s);
                    PoolChecks.misuseIsRefusedAndChangesNothing(t);
                    PoolChecks.agreesWithModel(t);
                });
    }
}
