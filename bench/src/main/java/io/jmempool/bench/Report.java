package io.jmempool.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmark report, the project's main job ({@code bench/run} starts it): runs the scenario grid R1, R2, M1, M2
 * with JMH, ours and the Java peers in the same run, runs DPDK's C harness ({@code bench/native/run.sh}) before it
 * when DPDK is installed, and prints and writes one table, one chart, the raw data and the machine it ran on.
 *
 * <p>Every benchmark runs with JMH's GC profiler, and the run fails if one of ours (a method named
 * {@code jmempool...}) allocates more than {@value #ALLOC_LIMIT} bytes per invocation, beyond what JMH's own threads
 * allocate in an iteration ({@value #ALLOC_NOISE_BYTES} bytes, below which per-op figures of slow benchmarks are
 * harness noise).
 *
 * <p>Exit status: 0 when every benchmark ran and none of ours allocates; 1 when a benchmark failed or one of ours
 * allocates; 2 on a usage error.
 */
public final class Report {
    /** Iteration settings; two-thread scenarios get longer iterations, their figures move more. */
    record Settings(int forks, int warmupIterations, int warmupMs, int iterations, int iterationMs) {
        String describe() {
            return forks + " fork(s), " + warmupIterations + " × " + warmupMs + " ms warm-up, " + iterations + " × "
                    + iterationMs + " ms measured";
        }
    }

    // Five short iterations rather than three longer ones: JMH's 99.9% interval with two degrees of freedom is
    // 3.7 times as wide as with four.
    static final Settings QUICK_ONE_THREAD = new Settings(1, 1, 500, 5, 200);
    static final Settings QUICK_TWO_THREADS = new Settings(1, 1, 500, 5, 300);
    static final Settings THOROUGH_ONE_THREAD = new Settings(2, 5, 1000, 5, 1000);
    static final Settings THOROUGH_TWO_THREADS = new Settings(3, 5, 1000, 5, 1000);

    /** Bytes per invocation above which one of ours counts as allocating. */
    static final double ALLOC_LIMIT = 0.01;
    /** Bytes per measured iteration that JMH's own threads allocate (measured: about 8 KiB); below it, noise. */
    static final double ALLOC_NOISE_BYTES = 64 * 1024;

    static final Map<String, String> CLASSES = Map.of("R1", "R1Ring", "R2", "R2Ring", "M1", "M1Pool", "M2", "M2Pool");

    private static final String USAGE = """
            usage: Report [--thorough] [--out DIR] [--dpdk SCRIPT | --no-dpdk] [SCENARIO...] [REGEX...] [-- JMH-OPTIONS]
              SCENARIO      R1 R2 M1 M2 (default: all)
              REGEX         run only the benchmarks whose names match, e.g. jmempool or 'R1Ring.agrona'
              --thorough    more forks and longer iterations (default: quick, about 8 minutes for the grid)
              --out DIR     where the results go (default: bench/results/<timestamp>)
              --dpdk SCRIPT the DPDK C harness to run first (bench/run passes bench/native/run.sh)
              --no-dpdk     leave the DPDK C column empty
              JMH-OPTIONS   passed to JMH, e.g. -p n=32 -f 3; add JVM flags with -jvmArgsPrepend
                            (-jvmArgsAppend replaces the benchmark classes' own flags)""";

    private Report() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (UsageException e) {
            System.err.println("Report: " + e.getMessage());
            System.err.println(USAGE);
            status = 2;
        } catch (Exception e) {
            System.err.println("Report: failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line. */
    static final class Args {
        boolean thorough;
        Path out;
        Path dpdk;
        boolean noDpdk;
        final Set<String> scenarios = new LinkedHashSet<>();
        final List<String> filters = new ArrayList<>();
        String[] jmh = new String[0];

        static Args parse(String[] argv) throws UsageException {
            Args a = new Args();
            for (int i = 0; i < argv.length; i++) {
                String s = argv[i];
                switch (s) {
                    case "--thorough" -> a.thorough = true;
                    case "--quick" -> a.thorough = false;
                    case "--no-dpdk" -> a.noDpdk = true;
                    case "--out" -> a.out = Path.of(value(argv, ++i, s));
                    case "--dpdk" -> a.dpdk = Path.of(value(argv, ++i, s));
                    case "-h", "--help" -> throw new UsageException("help");
                    case "--" -> {
                        a.jmh = Arrays.copyOfRange(argv, i + 1, argv.length);
                        i = argv.length;
                    }
                    default -> {
                        if (s.startsWith("--")) {
                            throw new UsageException("unknown option " + s);
                        }
                        String upper = s.toUpperCase(Locale.ROOT);
                        if (CLASSES.containsKey(upper)) {
                            a.scenarios.add(upper);
                        } else {
                            try {
                                Pattern.compile(s);
                            } catch (RuntimeException e) {
                                throw new UsageException("'" + s + "' is neither a scenario (R1 R2 M1 M2) nor a regex: "
                                        + e.getMessage());
                            }
                            a.filters.add(s);
                        }
                    }
                }
            }
            if (a.scenarios.isEmpty()) {
                a.scenarios.addAll(Table.SCENARIOS);
            }
            // Keep the grid's order whatever the command line's.
            List<String> ordered = Table.SCENARIOS.stream().filter(a.scenarios::contains).toList();
            a.scenarios.clear();
            a.scenarios.addAll(ordered);
            return a;
        }

        private static String value(String[] argv, int i, String option) throws UsageException {
            if (i >= argv.length) {
                throw new UsageException(option + " needs a value");
            }
            return argv[i];
        }
    }

    static int run(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        CommandLineOptions jmhOptions;
        try {
            jmhOptions = new CommandLineOptions(args.jmh);
        } catch (CommandLineOptionException e) {
            throw new UsageException("JMH options after --: " + e.getMessage());
        }
        if (!jmhOptions.getIncludes().isEmpty()) {
            throw new UsageException("give benchmark regexes before --, so that they combine with the scenarios: "
                    + jmhOptions.getIncludes());
        }
        Path out = args.out != null ? args.out
                : Path.of("bench", "results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);

        Machine machine = new Machine();
        String settings = args.thorough
                ? "thorough: " + THOROUGH_ONE_THREAD.describe() + " (two-thread scenarios: " + THOROUGH_TWO_THREADS.forks()
                        + " forks)"
                : "quick: " + QUICK_ONE_THREAD.describe() + " (two-thread scenarios: " + QUICK_TWO_THREADS.iterationMs()
                        + " ms iterations)";
        System.out.println("jmempool benchmarks " + String.join(" ", args.scenarios)
                + (args.filters.isEmpty() ? "" : " matching " + args.filters) + "; " + settings);
        System.out.println("machine: " + machine.summary());
        System.out.println("results: " + out);
        Files.writeString(out.resolve("lscpu.txt"), machine.lscpu);
        machine.start();
        long started = System.nanoTime();

        // DPDK first, alone: never at the same time as JMH.
        Map<String, Table.Dpdk> dpdk = new LinkedHashMap<>();
        List<String> dpdkComments = new ArrayList<>();
        String dpdkStatus = runDpdk(args, out, dpdk, dpdkComments);
        System.out.println(dpdkStatus);

        List<Measurement> measurements = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Set<String> runs = new TreeSet<>();
        try (PrintStream log = new PrintStream(new FileOutputStream(out.resolve("jmh.log").toFile()), true,
                StandardCharsets.UTF_8)) {
            for (String scenario : args.scenarios) {
                boolean twoThreads = scenario.equals("R2") || scenario.equals("M2");
                Settings s = args.thorough ? (twoThreads ? THOROUGH_TWO_THREADS : THOROUGH_ONE_THREAD)
                        : (twoThreads ? QUICK_TWO_THREADS : QUICK_ONE_THREAD);
                Progress progress = new Progress(scenario, OutputFormatFactory.createFormatInstance(log,
                        VerboseMode.NORMAL));
                Collection<RunResult> rs;
                try {
                    rs = new Runner(options(scenario, args.filters, s, jmhOptions), progress).run();
                } catch (NoBenchmarksException e) {
                    System.out.println(scenario + ": no benchmark matches");
                    continue;
                } catch (RunnerException e) {
                    System.out.println(scenario + ": JMH failed: " + e.getMessage() + " (see jmh.log)");
                    failed.add(scenario + " (JMH: " + e.getMessage() + ")");
                    continue;
                }
                failed.addAll(progress.failed);
                for (RunResult r : rs) {
                    results.add(r);
                    measurements.add(Measurement.of(scenario, r));
                    BenchmarkParams p = r.getParams();
                    runs.add(CLASSES.get(scenario) + ": " + p.getForks() + " fork(s), " + p.getWarmup().getCount()
                            + " × " + p.getWarmup().getTime() + " warm-up, " + p.getMeasurement().getCount() + " × "
                            + p.getMeasurement().getTime() + " measured, " + p.getThreads() + " thread(s); JVM flags "
                            + String.join(" ", p.getJvmArgs()));
                }
                // Written after every scenario, so that an interrupted run keeps what it measured.
                ResultFormatFactory.getInstance(ResultFormatType.JSON, out.resolve("jmh.json").toString())
                        .writeOut(results);
            }
        }
        machine.stop();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        Table table = new Table(measurements, dpdk);
        List<String> allocating = new ArrayList<>();
        Map<String, Double> peersAllocating = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            boolean allocates = !(m.allocPerOp() <= ALLOC_LIMIT || m.bytesPerIteration() <= ALLOC_NOISE_BYTES);
            if (!allocates) {
                continue;
            }
            if (m.ours()) {
                allocating.add(m.scenario() + " " + m.impl() + (m.mode() == null ? "" : " " + m.mode()) + " n="
                        + m.n() + ": " + (Double.isNaN(m.allocPerOp()) ? "not measured"
                                : Table.alloc(m.allocPerOp()) + " B/op"));
            } else {
                peersAllocating.merge(m.scenario() + " " + m.impl(), m.allocPerOp() / m.n(), Math::max);
            }
        }

        List<String> header = new ArrayList<>();
        header.add("jmempool benchmark report, " + (args.thorough ? "thorough" : "quick") + " mode: "
                + String.join(" ", args.scenarios) + (args.filters.isEmpty() ? "" : " matching " + args.filters));
        header.addAll(machine.lines());
        header.add("JMH: " + settings + "; -prof gc" + (args.jmh.length == 0 ? "" : "; extra: " + String.join(" ",
                args.jmh)));
        for (String r : runs) {
            header.add("ran " + r);
        }
        header.add(dpdkStatus);
        header.add("wall time " + seconds / 60 + " min " + seconds % 60 + " s");

        List<String> verdicts = new ArrayList<>();
        if (machine.busy()) {
            verdicts.add("note: other processes took CPU during the run; figures are noisy (compare ratios, rerun "
                    + "on a quiet machine for figures to publish)");
        }
        verdicts.add(measurements.stream().noneMatch(Measurement::ours) ? "allocation check: none of ours ran"
                : allocating.isEmpty() ? "allocation check: passed (none of ours allocates more than " + ALLOC_LIMIT
                        + " B/op)"
                : "ALLOCATION CHECK FAILED: " + String.join("; ", allocating));
        if (!peersAllocating.isEmpty()) {
            List<String> peers = new ArrayList<>();
            peersAllocating.forEach((k, v) -> peers.add(k + " (up to " + Table.alloc(v) + " B/object)"));
            verdicts.add("peers that allocate in the measured loop: " + String.join(", ", peers));
        }
        if (!failed.isEmpty()) {
            verdicts.add("FAILED benchmarks (see jmh.log): " + String.join("; ", failed));
        }

        String legend = "ns/obj: nanoseconds per object (one enqueue + one dequeue, or one get + one put), ± JMH's "
                + "99.9% interval; spread: fastest–slowest iteration; ours/best, ours/DPDK: below 1 means ours is faster";
        String text = String.join("\n", header) + "\n\n" + table.text() + "\n" + legend + "\n"
                + String.join("\n", verdicts) + "\n";
        Files.writeString(out.resolve("table.txt"), text);

        StringBuilder md = new StringBuilder("# jmempool benchmarks\n\n");
        for (String h : header) {
            md.append("- ").append(h).append('\n');
        }
        md.append('\n').append(table.markdown()).append('\n').append(legend).append(".\n\n");
        for (String v : verdicts) {
            md.append("- ").append(v).append('\n');
        }
        md.append("\n![ns per object](chart.png)\n\n## All measurements\n").append(table.markdownAll());
        if (!dpdkComments.isEmpty()) {
            md.append("\n## DPDK C harness\n\n```\n").append(String.join("\n", dpdkComments)).append("\n```\n");
        }
        Files.writeString(out.resolve("table.md"), md.toString());

        String chartNote = "";
        try {
            Chart.write(table, (args.thorough ? "thorough" : "quick") + ", " + machine.cpuModel + ", "
                    + machine.date.substring(0, 10), out.resolve("chart.png"));
        } catch (IOException | RuntimeException | Error e) {
            // A missing font or AWT library must not cost the measurements.
            chartNote = "chart not drawn: " + e;
        }

        System.out.println();
        System.out.print(text);
        if (!chartNote.isEmpty()) {
            System.out.println(chartNote);
        }
        System.out.println("written: " + out.resolve("table.txt") + ", table.md, chart.png, jmh.json, jmh.log"
                + (Files.exists(out.resolve("dpdk.csv")) ? ", dpdk.csv" : ""));
        return allocating.isEmpty() && failed.isEmpty() ? 0 : 1;
    }

    static Options options(String scenario, List<String> filters, Settings s,
            CommandLineOptions cmd) {
        String prefix = "^" + Pattern.quote("io.jmempool.bench." + CLASSES.get(scenario) + ".");
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd).addProfiler(GCProfiler.class);
        if (filters.isEmpty()) {
            b.include(prefix);
        } else {
            for (String f : filters) {
                b.include("(?=" + prefix + ")(?=.*(?:" + f + "))");
            }
        }
        // The command line's JMH options win over the mode's defaults.
        if (!cmd.getForkCount().hasValue()) {
            b.forks(s.forks());
        }
        if (!cmd.getWarmupIterations().hasValue()) {
            b.warmupIterations(s.warmupIterations());
        }
        if (!cmd.getWarmupTime().hasValue()) {
            b.warmupTime(TimeValue.milliseconds(s.warmupMs()));
        }
        if (!cmd.getMeasurementIterations().hasValue()) {
            b.measurementIterations(s.iterations());
        }
        if (!cmd.getMeasurementTime().hasValue()) {
            b.measurementTime(TimeValue.milliseconds(s.iterationMs()));
        }
        return b.build();
    }

    /** Runs the DPDK C harness into dpdk.csv and fills {@code dpdk}; returns the one line that says what happened. */
    private static String runDpdk(Args args, Path out, Map<String, Table.Dpdk> dpdk, List<String> comments)
            throws IOException, InterruptedException {
        if (args.noDpdk) {
            return "DPDK C: not run (--no-dpdk)";
        }
        Path script = args.dpdk != null ? args.dpdk : Path.of("bench", "native", "run.sh");
        if (!Files.isExecutable(script)) {
            return "DPDK C: " + script + " not found; the DPDK C column stays empty";
        }
        List<String> command = new ArrayList<>(List.of(script.toString()));
        if (args.thorough) {
            command.addAll(List.of("-r", "5", "-t", "1"));
        }
        command.addAll(args.scenarios);
        System.out.println("DPDK C: " + String.join(" ", command) + " ...");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(out.resolve("dpdk.csv").toFile())
                .redirectError(out.resolve("dpdk.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "DPDK C: the harness did not finish in 30 minutes; killed, the DPDK C column stays empty";
        }
        long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        int rc = p.exitValue();
        if (rc == 3) {
            Files.deleteIfExists(out.resolve("dpdk.csv"));
            return "DPDK C: DPDK is not installed (bench/native/run.sh exit 3); the DPDK C column stays empty "
                    + "(bench/run --install-dpdk installs it)";
        }
        if (rc != 0) {
            return "DPDK C: the harness failed (exit " + rc + ", see dpdk.log); the DPDK C column stays empty";
        }
        String version = "";
        for (String line : Files.readAllLines(out.resolve("dpdk.csv"))) {
            if (line.startsWith("#")) {
                comments.add(line);
                if (line.startsWith("# dpdk:")) {
                    version = line.substring(7).trim();
                }
                continue;
            }
            String[] f = line.split(",");
            if (f.length < 7 || f[0].equals("scenario")) {
                continue;
            }
            dpdk.put(Table.dpdkKey(f[0], f[1], Integer.parseInt(f[2])), new Table.Dpdk(Double.parseDouble(f[3]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[6])));
        }
        String noise = comments.isEmpty() ? "" : comments.get(comments.size() - 1).replaceFirst("^#\\s*", "");
        return "DPDK C: " + (version.isEmpty() ? "" : version + ", ") + dpdk.size() + " figures in " + s + " s ("
                + (args.thorough ? "5 runs × 1 s" : "3 runs × 0.5 s") + ", median; " + noise + ")";
    }

    /**
     * JMH's normal output goes to jmh.log; the console gets one line per benchmark, with JMH's estimate of the time
     * left in the scenario.
     */
    static final class Progress implements OutputFormat {
        private static final Pattern RUN_PROGRESS = Pattern.compile("# Run progress: ([0-9.]+)% complete, ETA (\\S+)");
        private final String scenario;
        private final OutputFormat log;
        final List<String> failed = new ArrayList<>();
        private String percent = "0";
        private String eta = "?";
        private BenchmarkParams current;
        private boolean currentFailed;

        Progress(String scenario, OutputFormat log) {
            this.scenario = scenario;
            this.log = log;
        }

        private String label(BenchmarkParams p) {
            String b = p.getBenchmark();
            String impl = b.substring(b.lastIndexOf('.') + 1);
            String mode = p.getParamsKeys().contains("mode") ? p.getParam("mode") + " " : "";
            return scenario + " " + mode + "n=" + p.getParam("n") + " " + impl;
        }

        @Override
        public void startBenchmark(BenchmarkParams p) {
            current = p;
            currentFailed = false;
            log.startBenchmark(p);
        }

        @Override
        public void endBenchmark(BenchmarkResult result) {
            log.endBenchmark(result);
            if (current == null) {
                return;
            }
            String line = String.format(Locale.ROOT, "  [%s %3.0f%%, ETA %s] %-36s ", scenario,
                    Double.parseDouble(percent), eta, label(current));
            if (result == null || currentFailed) {
                failed.add(label(current));
                System.out.println(line + "FAILED (see jmh.log)");
            } else {
                try {
                    Measurement m = Measurement.of(scenario, new RunResult(current, List.of(result)));
                    System.out.println(line + Table.num(m.ns()) + " ns/obj");
                } catch (RuntimeException e) {
                    System.out.println(line + "done");
                }
            }
            current = null;
        }

        @Override
        public void println(String s) {
            Matcher m = RUN_PROGRESS.matcher(s);
            if (m.find()) {
                percent = m.group(1);
                eta = m.group(2);
            }
            if (s.startsWith("<failure>")) {
                currentFailed = true;
            }
            log.println(s);
        }

        @Override
        public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
            log.iteration(benchParams, params, iteration);
        }

        @Override
        public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                IterationResult data) {
            log.iterationResult(benchParams, params, iteration, data);
        }

        @Override
        public void startRun() {
            log.startRun();
        }

        @Override
        public void endRun(Collection<RunResult> result) {
            log.endRun(result);
        }

        @Override
        public void print(String s) {
            log.print(s);
        }

        @Override
        public void flush() {
            log.flush();
        }

        @Override
        public void close() {
            log.flush();
        }

        @Override
        public void verbosePrintln(String s) {
            log.verbosePrintln(s);
        }

        @Override
        public void write(int b) {
            log.write(b);
        }

        @Override
        public void write(byte[] b) throws IOException {
            log.write(b);
        }
    }
}
