package io.jmempool.stress.mutant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the JCStress tests under the mutants that break them, one jcstress run per mutant, and checks each verdict:
 * the {@code -Pthorough} build's proof that the JCStress tests can fail. Run from stress/pom.xml (exec, verify
 * phase) as {@code java -cp jcstress.jar io.jmempool.stress.mutant.JcstressMutantRuns JAVA JCSTRESS_JAR AGENT_JAR
 * MODE REPORT_DIR}; exits 1 if a mutant that must be killed survives.
 *
 * <p>The release-to-plain mutants are only recorded: x86 keeps stores in order and loads in order (TSO), and the JIT
 * keeps two off-heap accesses in order, so on this hardware those tests pass even on the mutant. That is expected,
 * and it is why the happens-before detector (RingMutantKillTest) is the check that kills R0_PLAIN and R1_PLAIN.
 * On Arm or POWER the same runs are expected to fail.
 *
 * <p>The mempool's mutants ({@link MempoolMutant}, agent argument {@code mempool:NAME}) fail the handoff test's
 * arbiter (an object lost or doubled) and the cookie test (a torn cookie), on any hardware.
 */
public final class JcstressMutantRuns {
    private static final String PKG = "io\\.jmempool\\.stress\\.jcstress\\.ring\\.";
    private static final String MEMPOOL = "io\\.jmempool\\.stress\\.jcstress\\.mempool\\.";

    /** A jcstress run: the agent argument (the mutant), the tests it selects, and whether they must fail. */
    record Case(String mutant, String tests, boolean mustFail) {
        Case(RingMutant mutant, String tests, boolean mustFail) {
            this(mutant.name(), tests, mustFail);
        }

        Case(MempoolMutant mutant, String tests) {
            this("mempool:" + mutant.name(), tests, true);
        }
    }

    static final List<Case> CASES = List.of(
            new Case(RingMutant.CONSUMER_READS_PROD_HEAD, PKG + "(SlotWriteVisibleThroughProducerTail\\.(SpSc|MpMc)Ring"
                    + "|BulkPublishIsNeverSeenPartially\\.MpMcRing)", true),
            new Case(RingMutant.PRODUCER_READS_CONS_HEAD, PKG + "SlotReadCompletesBeforeSlotIsReused\\.MpMcRing", true),
            new Case(RingMutant.SP_BY_TWO_PRODUCERS,
                    PKG + "FreeSpaceNeverUnderflowsAfterConsumerTurnsProducer\\.MpMcRing", true),
            new Case(RingMutant.SC_BY_TWO_CONSUMERS,
                    PKG + "EntriesNeverUnderflowAfterProducerTurnsConsumer\\.MpMcRing", true),
            new Case(RingMutant.R0_PLAIN, PKG + "(SlotWriteVisibleThroughProducerTail\\.(SpSc|MpMc)Ring"
                    + "|BulkPublishIsNeverSeenPartially\\.MpMcRing)", false),
            new Case(RingMutant.R1_PLAIN, PKG + "SlotReadCompletesBeforeSlotIsReused\\.MpMcRing", false),
            new Case(MempoolMutant.FLUSH_DROPS, MEMPOOL + "ObjectIsGotWithTheBytesItsLastOwnerWrote\\.V2607"),
            new Case(MempoolMutant.FLUSH_DUPLICATES, MEMPOOL + "ObjectIsGotWithTheBytesItsLastOwnerWrote\\.V2607"),
            new Case(MempoolMutant.NO_ROLLBACK, MEMPOOL + "ObjectIsGotWithTheBytesItsLastOwnerWrote\\.(V2607|Lts)"),
            new Case(MempoolMutant.COOKIE_BYTEWISE, MEMPOOL + "CookieIsNeverSeenTorn\\.Put"));

    private JcstressMutantRuns() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String java = args[0];
        String jcstressJar = args[1];
        String agentJar = args[2];
        String mode = args[3];
        Path reports = Path.of(args[4]);
        Files.createDirectories(reports);
        List<String> summary = new ArrayList<>();
        boolean ok = true;
        for (Case c : CASES) {
            String name = c.mutant().replace(':', '_');
            Path log = reports.resolve(name + ".log");
            long start = System.nanoTime();
            Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jcstressJar,
                    "-m", mode, "-c", "2", "-sc", "false", "-t", c.tests(),
                    "-jvmArgsPrepend", "-javaagent:" + agentJar + "=" + c.mutant(),
                    "-r", reports.resolve(name).toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int rc = p.waitFor();
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            String verdict = rc == 1 ? "FAILED (killed)" : rc == 0 ? "passed (survived)" : "exit " + rc;
            boolean met = !c.mustFail() || rc == 1;
            ok &= met;
            summary.add(String.format("%-26s %-17s %4d s  %s%s", c.mutant(), verdict, seconds,
                    c.tests().replace(PKG, "").replace(MEMPOOL, ""),
                    met ? "" : "   <-- must be killed"));
        }
        System.out.println("JCStress under the mutants (" + mode + "), reports in " + reports + ":");
        summary.forEach(System.out::println);
        System.exit(ok ? 0 : 1);
    }
}
