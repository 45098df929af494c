package io.jmempool.stress.mutant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every seeded {@link RingMutant} must be killed, and every check must be seen failing: a check never seen failing
 * proves nothing. Each case starts a child JVM with the mutant agent and {@code -Djmempool.ring.specialize=false} (so
 * that the ring is the rewritten shared class), runs {@link MutantCheckMain} there, and asserts the verdict. The
 * child's whole output, with Lincheck's interleaving, is kept in {@code target/mutants/}.
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
        String agentJar = System.getProperty("mutant.agent.jar");
        assumeTrue(agentJar != null && new File(agentJar).isFile(), "the mutant agent jar is built by mvn verify");
        Path reports = Path.of(System.getProperty("mutant.reports", "target/mutants"));
        Files.createDirectories(reports);
        Path out = reports.resolve((agent + "-" + String.join("-", checks)).replaceAll("[^A-Za-z0-9_.-]", "_")
                + ".txt");

        List<String> cmd = new ArrayList<>(List.of(System.getProperty("mutant.java", "java"),
                "-XX:+EnableDynamicAgentLoading", "--enable-native-access=ALL-UNNAMED",
                "-javaagent:" + agentJar + "=" + agent,
                "-Djmempool.ring.specialize=false", "-Dlincheck.minimize=false"));
        for (String budget : List.of("lincheck.mc.iterations", "lincheck.mc.invocations",
                "lincheck.stress.iterations", "lincheck.stress.invocations")) {
            if (System.getProperty(budget) != null) {
                cmd.add("-D" + budget + "=" + System.getProperty(budget));
            }
        }
        cmd.addAll(List.of("-cp", testClassPath(), MutantCheckMain.class.getName()));
        cmd.addAll(checks);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM still running after 600 s; see " + out);
        }
        String output = Files.readString(out);
        String verdicts = String.join("\n", output.lines().filter(l -> l.startsWith("VERDICT")).toList());
        assertEquals(expectedExit, p.exitValue(), () -> agent + " " + checks + ": expected exit " + expectedExit
                + " (" + (expectedExit == 1 ? "killed" : "every check passes") + "), got " + p.exitValue() + ":\n"
                + verdicts + "\nsee " + out);
        assertTrue(output.contains(evidence), () -> agent + ": the output lacks \"" + evidence + "\":\n" + verdicts
                + "\nsee " + out);
        System.out.println(agent + " " + checks + ": " + verdicts);
    }

    /** Surefire's own class path for the tests (its boot jar would do too, but is deleted when the fork ends). */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null ? cp : System.getProperty("java.class.path");
    }
}
