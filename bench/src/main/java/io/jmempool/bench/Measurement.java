package io.jmempool.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One JMH result in the report's unit: nanoseconds per object, where an object is one enqueue plus one dequeue (R1,
 * R2) or one get plus one put (M1, M2).
 *
 * <p>The benchmarks score in three ways and this is where they meet: R1 and M1 in time per invocation of {@code n}
 * objects; M2 in invocations per time, summed over its threads; R2 in its {@code objects} counter per time, which is
 * already objects.
 *
 * @param scenario R1, R2, M1 or M2
 * @param impl the benchmark method (or group) name, e.g. {@code jmempool}, {@code agronaLoop}
 * @param mode the {@code mode} parameter (R1, R2), or null
 * @param n the burst size
 * @param ns ns per object, the mean over all measured iterations
 * @param nsError half-width of JMH's 99.9% confidence interval, in ns per object (NaN with one iteration)
 * @param nsMin fastest iteration, ns per object
 * @param nsMax slowest iteration, ns per object
 * @param forkNs each fork's mean, ns per object
 * @param allocPerOp {@code gc.alloc.rate.norm} in bytes per invocation, or NaN without {@code -prof gc}
 * @param bytesPerIteration bytes allocated per measured iteration (alloc per op times ops), NaN if unknown
 * @param jvmArgs the fork's JVM arguments
 */
record Measurement(String scenario, String impl, String mode, int n, double ns, double nsError, double nsMin,
        double nsMax, List<Double> forkNs, double allocPerOp, double bytesPerIteration, List<String> jvmArgs) {

    /** Our benchmarks are the methods whose names start with this; everything else is a peer. */
    static final String OURS_PREFIX = "jmempool";

    boolean ours() {
        return impl.startsWith(OURS_PREFIX);
    }

    /** Millions of objects per second. */
    double mobj() {
        return 1000 / ns;
    }

    /** The error of {@link #mobj()}, from the relative error of {@link #ns}. */
    double mobjError() {
        return mobj() * nsError / ns;
    }

    static Measurement of(String scenario, RunResult run) {
        BenchmarkParams p = run.getParams();
        String benchmark = p.getBenchmark();
        String impl = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String mode = p.getParamsKeys().contains("mode") ? p.getParam("mode") : null;
        int n = Integer.parseInt(p.getParam("n"));

        Result<?> objects = run.getSecondaryResults().get("objects");
        Result<?> score = objects != null ? objects : run.getPrimaryResult();
        // The objects counter counts objects; a primary score counts invocations of n objects each.
        Converter c = Converter.of(score.getScoreUnit(), objects != null ? 1 : n);
        double ns = c.ns(score.getScore());
        double err = Math.abs(c.ns(score.getScore() + score.getScoreError()) - ns);
        double a = c.ns(score.getStatistics().getMin());
        double b = c.ns(score.getStatistics().getMax());

        List<Double> forks = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            Result<?> f = objects != null ? fork.getSecondaryResults().get("objects") : fork.getPrimaryResult();
            forks.add(c.ns(f.getScore()));
        }

        Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
        double allocPerOp = alloc == null ? Double.NaN : alloc.getScore();
        double opsPerIteration = opsPerIteration(run);
        return new Measurement(scenario, impl, mode, n, ns, err, Math.min(a, b), Math.max(a, b), List.copyOf(forks),
                allocPerOp, allocPerOp * opsPerIteration, List.copyOf(p.getJvmArgs()));
    }

    /** Invocations (all threads) in one measured iteration, from the primary score and the iteration time. */
    private static double opsPerIteration(RunResult run) {
        Result<?> primary = run.getPrimaryResult();
        double seconds = run.getParams().getMeasurement().getTime().convertTo(TimeUnit.NANOSECONDS) / 1e9;
        String unit = primary.getScoreUnit();
        double score = primary.getScore();
        int threads = run.getParams().getThreads();
        if (unit.endsWith("/op")) {
            double nsPerOp = score * Converter.nanosIn(unit.substring(0, unit.length() - 3));
            return threads * seconds * 1e9 / nsPerOp;
        }
        if (unit.startsWith("ops/")) {
            return score / Converter.nanosIn(unit.substring(4)) * 1e9 * seconds;
        }
        return Double.NaN;
    }

    /** Turns a score in JMH's unit, for items of {@code n} objects, into ns per object. */
    private record Converter(boolean perOp, double nanos, int n) {
        static Converter of(String unit, int n) {
            if (unit.endsWith("/op")) {
                return new Converter(true, nanosIn(unit.substring(0, unit.length() - 3)), n);
            }
            if (unit.startsWith("ops/")) {
                return new Converter(false, nanosIn(unit.substring(4)), n);
            }
            throw new IllegalArgumentException("unit = " + unit + ": the report reads time per op or ops per time");
        }

        static double nanosIn(String timeUnit) {
            return switch (timeUnit) {
                case "ns" -> 1;
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                default -> throw new IllegalArgumentException("time unit = " + timeUnit + ": not one of ns, us, ms, s");
            };
        }

        /** Time per item: divide by its n objects. Items per time: invert, then divide. */
        double ns(double score) {
            return perOp ? score * nanos / n : nanos / (score * n);
        }
    }
}
