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

/**
 * Runs {@link MutantCheckMain} in a child JVM started with the mutant agent and {@code -Djmempool.ring.specialize=false}
 * (so that the ring is the rewritten, or at least the visible, shared class), and asserts the verdict. The child's
 * whole output, with Lincheck's interleaving, is kept in {@code target/mutants/}. Shared by {@link RingMutantKillTest}
 * and {@link MempoolMutantKillTest}.
 */
final class MutantChild {
    private MutantChild() {
    }

    /**
     * @param agent the agent argument ({@code MUTANT}, {@code MUTANT,hb} or {@code mempool:MUTANT})
     * @param expectedExit 1 (killed) or 0 (every check passes)
     * @param evidence text the output must contain
     * @param checks {@link MutantCheckMain}'s arguments
     */
    static void assertVerdict(String agent, int expectedExit, String evidence, List<String> checks) throws Exception {
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
