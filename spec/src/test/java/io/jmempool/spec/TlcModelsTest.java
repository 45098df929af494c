package io.jmempool.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs TLC on every model configuration of the spec folder, one child JVM per {@code .cfg}, and asserts its exit code.
 *
 * <p>Each {@code .cfg} starts with a header line that says what to expect, for example
 * <pre>{@code \* tlc: module=Ring expect=12 property=SlotsExclusive tier=default}</pre>
 * {@code expect} is TLC's exit code: 0 for a correct configuration, 12 (invariant), 13 (temporal or action
 * property, refinement included) for a mutant or a documented counterexample, in which case {@code property} names the
 * property that must be the one violated. A mutant that fails for any other reason (a typo that breaks
 * {@code TypeOK}, a parse error) fails the build.
 *
 * <p>TLC calls {@code System.exit}, so it cannot run inside this JVM. Expected failures run with one worker: BFS
 * order is then deterministic, so the violated property and the trace length are the same on every run.
 *
 * <p>System properties (set by the pom): {@code spec.dir}, {@code spec.out}, {@code spec.tiers} (comma-separated),
 * {@code spec.tlc.workers}, {@code spec.tlc.timeoutMinutes}.
 */
class TlcModelsTest {
    private static final Path SPEC_DIR = Path.of(System.getProperty("spec.dir", "."));
    private static final Path OUT_DIR = Path.of(System.getProperty("spec.out", "target/tlc"));
    private static final Set<String> TIERS = Set.of(System.getProperty("spec.tiers", "default").split(","));
    private static final int WORKERS = Integer.getInteger("spec.tlc.workers", 2);
    private static final long TIMEOUT_MINUTES = Long.getLong("spec.tlc.timeoutMinutes", 30);

    private static final Pattern HEADER = Pattern.compile("^\\\\\\* tlc:(.*)$");
    private static final Pattern STATES =
        Pattern.compile("(\\d+) states generated, (\\d+) distinct states found, (\\d+) states left on queue");
    private static final Pattern DEPTH = Pattern.compile("The depth of the complete state graph search is (\\d+)");
    private static final Pattern TRACE_STATE = Pattern.compile("^State (\\d+):", Pattern.MULTILINE);
    private static final Pattern INVARIANT = Pattern.compile("Error: Invariant (\\w+) is violated");
    private static final Pattern ACTION_PROPERTY = Pattern.compile("Error: Action property (\\w+) is violated");
    private static final Pattern ACTION_PROPERTY_AT =
        Pattern.compile("Error: Action property line (\\d+), col \\d+ to line \\d+, col \\d+ of module (\\w+)");
    private static final Pattern TEMPORAL = Pattern.compile("Error: Temporal properties were violated");
    private static final Pattern DEFINITION = Pattern.compile("^(\\w+)(\\(.*\\))? ==");
    private static final Set<String> CFG_KEYWORDS = Set.of("SPECIFICATION", "INIT", "NEXT", "CONSTANT", "CONSTANTS",
        "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES", "SYMMETRY", "VIEW", "CONSTRAINT", "CONSTRAINTS",
        "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "CHECK_DEADLOCK", "ALIAS", "POSTCONDITION");

    private static final List<Result> RESULTS = Collections.synchronizedList(new ArrayList<>());

    /** One configuration as its header describes it. */
    record Model(String cfg, String module, int expect, String property, String tier) {
        @Override
        public String toString() {
            return cfg;
        }
    }

    /** What one TLC run reported; -1 where TLC did not say. */
    record Result(Model model, int exit, long distinct, long generated, int depth, int traceStates, String violated,
        double seconds) {
    }

    static Stream<Model> models() throws IOException {
        List<Model> models = new ArrayList<>();
        try (Stream<Path> files = Files.list(SPEC_DIR)) {
            for (Path cfg : files.filter(p -> p.toString().endsWith(".cfg")).sorted().toList()) {
                Model model = parseHeader(cfg);
                if (TIERS.contains(model.tier())) {
                    models.add(model);
                }
            }
        }
        assertTrue(!models.isEmpty(), "no .cfg with a \"\\* tlc:\" header in " + SPEC_DIR.toAbsolutePath());
        return models.stream();
    }

    private static Model parseHeader(Path cfg) throws IOException {
        String first = Files.readAllLines(cfg).getFirst();
        Matcher header = HEADER.matcher(first);
        if (!header.matches()) {
            throw new IllegalStateException(cfg + ": first line must be a \"\\* tlc: module=... expect=...\" header");
        }
        String module = null;
        String property = null;
        String tier = "default";
        int expect = -1;
        for (String field : header.group(1).trim().split("\\s+")) {
            String[] kv = field.split("=", 2);
            switch (kv[0]) {
                case "module" -> module = kv[1];
                case "expect" -> expect = Integer.parseInt(kv[1]);
                case "property" -> property = kv[1];
                case "tier" -> tier = kv[1];
                default -> throw new IllegalStateException(cfg + ": unknown header field " + kv[0]);
            }
        }
        if (module == null || expect < 0 || (expect != 0) != (property != null)) {
            throw new IllegalStateException(cfg + ": header needs module and expect, and property iff expect != 0");
        }
        return new Model(cfg.getFileName().toString(), module, expect, property, tier);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void tlcReportsWhatTheHeaderExpects(Model model) throws Exception {
        String name = model.cfg().replace(".cfg", "");
        Path runDir = OUT_DIR.resolve(name).toAbsolutePath();
        deleteRecursively(runDir);
        Path tmp = Files.createDirectories(runDir.resolve("tmp"));   // TLC unpacks its standard modules here
        Path log = runDir.resolve("tlc.out");
        int workers = model.expect() == 0 ? WORKERS : 1;

        List<String> command = List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseParallelGC", "-Xmx3g",
            "-Djava.io.tmpdir=" + tmp,
            "-cp", tlaToolsJar().toString(),
            "tlc2.TLC",
            "-workers", Integer.toString(workers),
            "-lncheck", "final",                   // liveness once on the full graph, not every few minutes
            "-metadir", runDir.resolve("states").toString(),
            "-cleanup",
            "-config", model.cfg(),
            model.module() + ".tla");
        long start = System.nanoTime();
        Process tlc = new ProcessBuilder(command)
            .directory(SPEC_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        if (!tlc.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            tlc.destroyForcibly().waitFor();
            fail(model.cfg() + ": TLC did not finish in " + TIMEOUT_MINUTES + " min; see " + log);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        Result result = parse(model, tlc.exitValue(), output, seconds, properties(SPEC_DIR.resolve(model.cfg())));
        RESULTS.add(result);
        System.out.println(line(result));

        String context = model.cfg() + " (TLC log " + log + "):\n" + tail(output, 40);
        assertEquals(model.expect(), result.exit(), "TLC exit code for " + context);
        if (model.expect() == 0) {
            assertTrue(output.contains("Model checking completed. No error has been found."), context);
        } else {
            assertEquals(model.property(), result.violated(), "violated property for " + context);
            assertTrue(result.traceStates() > 0, "no counterexample trace for " + context);
        }
    }

    private static Result parse(Model model, int exit, String output, double seconds, List<String> properties) {
        long distinct = -1;
        long generated = -1;
        Matcher states = STATES.matcher(output);
        while (states.find()) {                     // the last report is the final one
            generated = Long.parseLong(states.group(1));
            distinct = Long.parseLong(states.group(2));
        }
        Matcher depth = DEPTH.matcher(output);
        int depthValue = depth.find() ? Integer.parseInt(depth.group(1)) : -1;
        int trace = 0;
        Matcher traceState = TRACE_STATE.matcher(output);
        while (traceState.find()) {
            trace = Math.max(trace, Integer.parseInt(traceState.group(1)));
        }
        return new Result(model, exit, distinct, generated, depthValue, trace, violated(output, properties), seconds);
    }

    /**
     * The name of the violated property, or "-" if none. TLC names a violated invariant and a named action property;
     * it gives an action property inside a larger formula (the [][A]_v of a refinement) by location, and a temporal
     * property not at all, so the name then comes from the module text or, for a temporal violation, from the
     * configuration when it lists a single property.
     */
    private static String violated(String output, List<String> properties) {
        Matcher invariant = INVARIANT.matcher(output);
        if (invariant.find()) {
            return invariant.group(1);
        }
        Matcher action = ACTION_PROPERTY.matcher(output);
        if (action.find()) {
            return action.group(1);
        }
        Matcher actionAt = ACTION_PROPERTY_AT.matcher(output);
        if (actionAt.find()) {
            return definitionAt(actionAt.group(2), Integer.parseInt(actionAt.group(1)));
        }
        if (TEMPORAL.matcher(output).find()) {
            return properties.size() == 1 ? properties.getFirst() : "temporal";
        }
        return "-";
    }

    /** The names listed under PROPERTY or PROPERTIES in a configuration. */
    private static List<String> properties(Path cfg) throws IOException {
        List<String> names = new ArrayList<>();
        boolean inProperties = false;
        for (String raw : Files.readAllLines(cfg)) {
            String line = raw.replaceFirst("\\\\\\*.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (CFG_KEYWORDS.contains(words[0])) {
                inProperties = words[0].startsWith("PROPERT");
                names.addAll(inProperties ? List.of(words).subList(1, words.length) : List.of());
            } else if (inProperties) {
                names.addAll(List.of(words));
            }
        }
        return names;
    }

    /** The top-level definition of module {@code module} that contains line {@code line}. */
    private static String definitionAt(String module, int line) {
        try {
            List<String> lines = Files.readAllLines(SPEC_DIR.resolve(module + ".tla"));
            for (int i = Math.min(line, lines.size()) - 1; i >= 0; i--) {
                Matcher definition = DEFINITION.matcher(lines.get(i));
                if (definition.find()) {
                    return definition.group(1);
                }
            }
            return module + ":" + line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tlaToolsJar() throws URISyntaxException {
        return Path.of(tlc2.TLC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String line(Result r) {
        return String.format("TLC %-38s exit %3d (expect %2d)  %10s distinct  %11s generated  depth %4s  trace %3s  %-26s %7.1f s",
            r.model().cfg(), r.exit(), r.model().expect(), count(r.distinct()), count(r.generated()),
            r.depth() < 0 ? "-" : Integer.toString(r.depth()), r.traceStates() == 0 ? "-" : Integer.toString(r.traceStates()),
            r.violated(), r.seconds());
    }

    private static String count(long n) {
        return n < 0 ? "-" : String.format("%,d", n);
    }

    /** Writes target/tlc/summary.tsv and prints the table, so the numbers can be copied into the README. */
    @AfterAll
    static void writeSummary() throws IOException {
        List<Result> results = new ArrayList<>(RESULTS);
        results.sort((a, b) -> a.model().cfg().compareTo(b.model().cfg()));
        StringBuilder tsv = new StringBuilder(
            "cfg\tmodule\ttier\texpect\texit\tdistinct\tgenerated\tdepth\ttrace\tviolated\tseconds\n");
        double total = 0;
        for (Result r : results) {
            tsv.append(String.join("\t", r.model().cfg(), r.model().module(), r.model().tier(),
                Integer.toString(r.model().expect()), Integer.toString(r.exit()), Long.toString(r.distinct()),
                Long.toString(r.generated()), Integer.toString(r.depth()), Integer.toString(r.traceStates()),
                r.violated(), String.format("%.1f", r.seconds()))).append('\n');
            total += r.seconds();
        }
        Files.createDirectories(OUT_DIR);
        Files.writeString(OUT_DIR.resolve("summary.tsv"), tsv);
        System.out.println("TLC summary (" + OUT_DIR.resolve("summary.tsv") + "), " + WORKERS + " workers for passing models:");
        results.forEach(r -> System.out.println(line(r)));
        System.out.printf("TLC total %.1f s over %d configurations%n", total, results.size());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }
}
