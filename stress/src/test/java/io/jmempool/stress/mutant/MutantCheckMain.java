package io.jmempool.stress.mutant;

import io.jmempool.stress.lincheck.LincheckRuns;
import io.jmempool.stress.lincheck.MempoolUnderTest;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.Options;

/**
 * Runs Lincheck checks in a JVM started with the mutant agent, and reports one verdict line per check, then exits
 * with 0 if every check passed, 1 if one failed (it stops there), 2 on a harness error, 3 if the agent did not
 * rewrite the ring or the pool. Arguments: {@code check:TestClass...}, where check is {@code mc} (model checking),
 * {@code mc-blind} (model checking without the Mem guarantee), {@code mc-hb} (model checking for the race detector)
 * or {@code stress}, and TestClass a simple name in {@code io.jmempool.stress.lincheck}; a mempool test class gets
 * its own options ({@link MempoolUnderTest#modelChecking}). An argument {@code prop:key=value} sets a system property
 * for the checks that follow (the mempool checks read {@code mempool.lincheck.validate} and
 * {@code mempool.lincheck.lengths}, to show each part of the check failing on its own).
 */
public final class MutantCheckMain {
    private MutantCheckMain() {
    }

    public static void main(String[] args) throws Exception {
        // Load the classes the agent may rewrite now, so that it has run before any check.
        Class.forName("io.jmempool.ring.OffHeapRing");
        Class.forName("io.jmempool.mempool.Mempool");
        String sites = System.getProperty(RingMutantAgent.SITES_PROPERTY);
        if (sites == null) {
            System.out.println("VERDICT harness-error: the mutant agent rewrote neither OffHeapRing nor Mempool");
            System.exit(3);
        }
        System.out.println("mutant agent rewrote " + sites + " site(s)");
        for (String arg : args) {
            String[] parts = arg.split(":");
            if (parts[0].equals("prop")) {
                String[] kv = parts[1].split("=", 2);
                System.setProperty(kv[0], kv[1]);
                continue;
            }
            Class<?> test = Class.forName("io.jmempool.stress.lincheck." + parts[1]);
            boolean mempool = MempoolUnderTest.class.isAssignableFrom(test);
            Options<?, ?> options = switch (parts[0]) {
                case "mc" -> mempool ? MempoolUnderTest.modelChecking(test) : LincheckRuns.modelChecking();
                case "mc-blind" -> LincheckRuns.modelChecking(false);
                case "mc-hb" -> LincheckRuns.modelCheckingForRaceDetector();
                case "stress" -> mempool ? MempoolUnderTest.stress(test) : LincheckRuns.stress();
                default -> throw new IllegalArgumentException("unknown check " + parts[0]);
            };
            long start = System.nanoTime();
            try {
                options.check(test);
            } catch (LincheckAssertionError e) {
                System.out.println("VERDICT " + arg + " failed: " + e.getFailure$lincheck().getClass().getSimpleName()
                        + " after " + seconds(start) + " s");
                System.out.println(e.getMessage());
                System.out.flush();
                System.exit(1);
            } catch (Throwable t) {
                System.out.println("VERDICT " + arg + " harness-error: " + t);
                t.printStackTrace(System.out);
                System.out.flush();
                System.exit(2);
            }
            System.out.println("VERDICT " + arg + " passed in " + seconds(start) + " s");
        }
        System.out.flush();
        System.exit(0);
    }

    private static String seconds(long start) {
        return String.format("%.1f", (System.nanoTime() - start) / 1e9);
    }
}
