package io.jmempool.stress.mutant;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every seeded {@link RingMutant} must be killed, and every check must be seen failing: a check never seen failing
 * proves nothing. Each case runs {@link MutantCheckMain} in a child JVM with the mutant agent ({@link MutantChild})
 * and asserts the verdict; the child's whole output, with Lincheck's interleaving, is kept in {@code target/mutants/}.
 *
 * <p>Two controls run the other way and must pass: the C0 mutant under model checking without the {@code Mem}
 * guarantee (the model checker is then blind to off-heap races: the reason for the guarantee), and the correct ring
 * under the happens-before detector (no false alarms). Cases marked "all" run only with {@code -Pthorough}
 * ({@code mutants.scope=all}): more modes per mutant, and Lincheck stress, whose kills depend on timing.
 *
 * <p>Child runs do not minimise failing scenarios: minimisation re-runs the model checker many times and multiplied
 * a kill's time by ten. The verdict is the same.
 */
class RingMutantKillTest {
    private static final boolean ALL = "all".equals(System.getProperty("mutants.scope", "default"));

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        // mutant (agent argument), expected verdict, text the verdict line or trace must contain, checks, scope
        c.add(kill("R0_PLAIN,hb", "data race on prod.tail", "mc-hb:SpScRingLincheckTest"));
        c.add(kill("R1_PLAIN,hb", "data race on cons.tail", "mc-hb:SpScRingLincheckTest"));
        c.add(kill("NO_TAIL_WAIT", "IncorrectResultsFailure", "mc:MpMcRingLincheckTest"));
        c.add(kill("SP_BY_TWO_PRODUCERS", "failed", "mc:MpScRingLincheckTest"));
        c.add(kill("SP_BY_TWO_PRODUCERS", "failed", "stress:MpScRingLincheckTest"));
        c.add(kill("SC_BY_TWO_CONSUMERS", "failed", "mc:SpMcRingLincheckTest"));
        c.add(kill("C0_GET_THEN_SET", "failed", "mc:MpScRingLincheckTest"));
        c.add(kill("C1_GET_THEN_SET", "failed", "mc:SpMcRingLincheckTest"));
        c.add(kill("CONSUMER_READS_PROD_HEAD", "IncorrectResultsFailure", "mc:SpScRingLincheckTest"));
        c.add(kill("PRODUCER_READS_CONS_HEAD,hb", "data race on cons.head", "mc-hb:SpScRingLincheckTest"));
        c.add(pass("C0_GET_THEN_SET", "mc-blind:MpScRingLincheckTest"));
        c.add(pass("NONE,hb", "mc-hb:SpScRingLincheckTest", "mc-hb:MpMcRingLincheckTest"));
        if (ALL) {
            c.add(kill("R0_PLAIN,hb", "data race on prod.tail", "mc-hb:MpMcRingLincheckTest"));
            c.add(kill("R1_PLAIN,hb", "data race on cons.tail", "mc-hb:MpMcRingLincheckTest"));
            c.add(kill("NO_TAIL_WAIT", "failed", "mc:MpScRingLincheckTest"));
            c.add(kill("NO_TAIL_WAIT", "failed", "stress:MpMcRingLincheckTest"));
            c.add(kill("C0_GET_THEN_SET", "failed", "mc:MpMcRingLincheckTest"));
            c.add(kill("C0_GET_THEN_SET", "failed", "stress:MpScRingLincheckTest"));
            c.add(kill("C1_GET_THEN_SET", "failed", "mc:MpMcRingLincheckTest"));
            c.add(kill("C1_GET_THEN_SET", "failed", "stress:SpMcRingLincheckTest"));
            c.add(kill("CONSUMER_READS_PROD_HEAD", "failed", "mc:SpMcRingLincheckTest"));
            c.add(kill("CONSUMER_READS_PROD_HEAD", "failed", "mc:MpScRingLincheckTest"));
            c.add(kill("CONSUMER_READS_PROD_HEAD", "failed", "mc:MpMcRingLincheckTest"));
            c.add(kill("CONSUMER_READS_PROD_HEAD", "failed", "stress:SpScRingLincheckTest"));
            c.add(kill("PRODUCER_READS_CONS_HEAD,hb", "data race on cons.head", "mc-hb:MpScRingLincheckTest"));
        }
        return c.stream();
    }

    private static Arguments kill(String agent, String evidence, String check) {
        return Arguments.of(agent, 1, evidence, List.of(check));
    }

    private static Arguments pass(String agent, String... checks) {
        return Arguments.of(agent, 0, "passed", List.of(checks));
    }

    @ParameterizedTest(name = "{0} {3} -> exit {1}")
    @MethodSource("cases")
    void mutantMeetsItsVerdict(String agent, int expectedExit, String evidence, List<String> checks) throws Exception {
        MutantChild.assertVerdict(agent, expectedExit, evidence, checks);
    }
}
