package io.jmempool.stress.lincheck;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The mempool with the LTS v25.11 cache algorithm (1.5 x size threshold, flush all, refill size + rest), through
 * default and user-owned caches, against {@link MempoolBagSpec.Lts}: model checking and stress. See {@link MempoolUnderTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // model checking first: see stress/pom.xml
public final class LtsMempoolLincheckTest extends MempoolUnderTest {
    public static final Class<? extends MempoolBagSpec> SPEC = MempoolBagSpec.Lts.class;

    public LtsMempoolLincheckTest() {
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
