package io.jmempool.stress.lincheck;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The mempool with the v26.07 cache algorithm (flush half, refill half, bypass above half), through default and
 * user-owned caches, against {@link MempoolBagSpec.V2607}: model checking and stress. See {@link MempoolUnderTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // model checking first: see stress/pom.xml
public final class V2607MempoolLincheckTest extends MempoolUnderTest {
    public static final Class<? extends MempoolBagSpec> SPEC = MempoolBagSpec.V2607.class;

    public V2607MempoolLincheckTest() {
        super(SPEC);
    }

    @Test
    @Order(1)
    void linearizableToTheBagUnderModelChecking() {
        modelCheckReachingEveryStep(getClass());
    }

    @Test
    @Order(2)
    void linearizableToTheBagUnderStress() {
        stress(getClass()).check(getClass());
    }
}
