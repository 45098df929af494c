package io.jmempool.stress.mutant;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every seeded {@link MempoolMutant} that Lincheck can see must be killed by the mempool's Lincheck checks, and each
 * part of those checks must be seen failing on its own: the quiescent conservation check ({@code @Validate}), the
 * verifier with exact cache lengths ({@code mempool.lincheck.validate=false}), and the verifier on the bag alone, whose
 * ownership table reports the object handed out twice (lengths off as well). Each case runs {@link MutantCheckMain} in
 * a child JVM with {@code -javaagent:…=mempool:MUTANT} ({@link MutantChild}). The cookie mutant is JCStress's
 * ({@code JcstressMutantRuns}): Lincheck runs the pool with the debug checks off.
 *
 * <p>The bag alone does not see NO_ROLLBACK within the default budget: the objects a failed get loses are missed only
 * by a later get on the same cache, and in nine operations the backend usually covers for them. The lengths and the
 * conservation check see it at once. Cases marked "all" run only with {@code -Pthorough}: more stress.
 */
class MempoolMutantKillTest {
    private static final boolean ALL = "all".equals(System.getProperty("mutants.scope", "default"));
    private static final String NO_VALIDATE = "prop:mempool.lincheck.validate=false";
    private static final String NO_LENGTHS = "prop:mempool.lincheck.lengths=false";

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        // mutant, text the verdict line or trace must contain, checks
        // Each part of the check on its own: the conservation check, the verifier with cache lengths, the bag alone.
        c.add(kill("FLUSH_DROPS", "ValidationFailure", "mc:V2607MempoolLincheckTest"));
        c.add(kill("FLUSH_DUPLICATES", "IncorrectResultsFailure", NO_VALIDATE, "mc:V2607MempoolLincheckTest"));
        c.add(kill("NO_ROLLBACK", "IncorrectResultsFailure", NO_VALIDATE, "mc:V2607MempoolLincheckTest"));
        c.add(kill("FLUSH_DUPLICATES", "handed out twice", NO_VALIDATE, NO_LENGTHS, "mc:V2607MempoolLincheckTest"));
        c.add(kill("NO_ROLLBACK", "ValidationFailure", "mc:LtsMempoolLincheckTest"));
        c.add(kill("NO_ROLLBACK", "failed", "stress:V2607MempoolLincheckTest"));
        if (ALL) {
            c.add(kill("FLUSH_DROPS", "IncorrectResultsFailure", NO_VALIDATE, NO_LENGTHS,
                    "mc:V2607MempoolLincheckTest"));
            c.add(kill("FLUSH_DROPS", "failed", "stress:V2607MempoolLincheckTest"));
            c.add(kill("FLUSH_DUPLICATES", "failed", "stress:V2607MempoolLincheckTest"));
            c.add(kill("NO_ROLLBACK", "failed", "stress:LtsMempoolLincheckTest"));
            c.add(kill("FLUSH_DROPS", "IncorrectResultsFailure", NO_VALIDATE, "stress:V2607MempoolLincheckTest"));
            c.add(kill("FLUSH_DUPLICATES", "IncorrectResultsFailure", NO_VALIDATE, "stress:V2607MempoolLincheckTest"));
            c.add(kill("NO_ROLLBACK", "IncorrectResultsFailure", NO_VALIDATE, "stress:V2607MempoolLincheckTest"));
        }
        return c.stream();
    }

    private static Arguments kill(String mutant, String evidence, String... checks) {
        return Arguments.of("mempool:" + mutant, 1, evidence, List.of(checks));
    }

    @ParameterizedTest(name = "{0} {3} -> exit {1}")
    @MethodSource("cases")
    void mutantIsKilled(String agent, int expectedExit, String evidence, List<String> checks) throws Exception {
        MutantChild.assertVerdict(agent, expectedExit, evidence, checks);
    }
}
