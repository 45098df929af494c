package io.jmempool.properties.ring;

import io.jmempool.properties.Budget;

import org.junit.jupiter.api.Test;

/**
 * Generated single-threaded command lists over the four sync modes, plain and EXACT_SZ sizing, element sizes 4, 8,
 * 16 and 20 (8 through the {@code long[]} and the segment calls), the specialised and the shared ring class, and
 * indices that start at 0 or just before a 32-bit wrap. Every property runs {@link Budget#EXAMPLES} scenarios of up
 * to {@value RingGenerators#MAX_STEPS} steps; see {@link RingChecks} for what each law says.
 */
class RingModelProperties {

    @Test
    void everyStepAgreesWithTheFifoModel() {
        Budget.qt().forAll(RingGenerators.scenarios())
                .checkAssert(s -> RingChecks.agreesWithFifoModel(RingRunner.run(s)));
    }

    @Test
    void bulkIsAllOrNothingAndChangesNothingWhenItFails() {
        Budget.qt().forAll(RingGenerators.scenarios())
                .checkAssert(s -> RingChecks.bulkIsAllOrNothing(RingRunner.run(s)));
    }

    @Test
    void burstMovesTheSmallerOfNAndTheRoom() {
        Budget.qt().forAll(RingGenerators.scenarios())
                .checkAssert(s -> RingChecks.burstMovesAsManyAsFit(RingRunner.run(s)));
    }

    @Test
    void countPlusFreeCountIsTheCapacityAfterEveryStep() {
        Budget.qt().forAll(RingGenerators.scenarios())
                .checkAssert(s -> RingChecks.countPlusFreeCountIsCapacity(RingRunner.run(s)));
    }

    @Test
    void elementsComeOutInTheOrderTheyWentIn() {
        Budget.qt().forAll(RingGenerators.scenarios())
                .checkAssert(s -> RingChecks.firstInFirstOut(RingRunner.run(s)));
    }

    @Test
    void startingTheIndicesNearTheWrapChangesNothingObservable() {
        // Scenarios whose start is 0 are moved to 2^32 - 5, so every example compares a wrapping ring.
        Budget.qt().forAll(RingGenerators.scenarios())
                .checkAssert(s -> {
                    Scenario wrapped = s.config().start() == 0 ? s.startingAt(-5) : s;
                    RingChecks.wrapIsInvisible(RingRunner.run(wrapped.startingAt(0)), RingRunner.run(wrapped));
                });
    }
}
