package io.jmempool.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report's table: one row per scenario, variant and n, with our headline benchmark, the fastest peer, and DPDK's
 * C figure measured in the same run.
 *
 * <p>How results become rows. A benchmark named {@code jmempool...} is ours, anything else a peer. In the ring
 * scenarios (R1, R2) the variant is the {@code mode} parameter and ours is {@code jmempool}; other
 * {@code jmempool...} methods of the same mode (e.g. {@code jmempoolShared}) are shown as "other ours" and never used
 * in a ratio. In the pool scenarios (M1, M2) the variant is the pool configuration, taken from our method's name
 * ({@link #POOL_VARIANTS}, the names DPDK's harness uses); the peers have no such configuration and are compared in
 * every variant's row. Without any of ours, a pool scenario shows one row per n under {@code cache256}, DPDK's default.
 */
final class Table {
    /** Our pool benchmarks and the DPDK variants they are compared with. */
    static final Map<String, String> POOL_VARIANTS = Map.of(
            "jmempool", "cache256",
            "jmempoolNoCache", "nocache",
            "jmempoolUserCache", "usercache256");
    static final String DEFAULT_POOL_VARIANT = "cache256";
    static final List<String> SCENARIOS = List.of("R1", "R2", "M1", "M2");
    private static final List<String> VARIANT_ORDER = List.of("SP/SC", "SP/MC", "MP/SC", "MP/MC", "cache256",
            "nocache", "usercache256");

    /** A DPDK C figure: ns per object (median of its runs) and its fastest and slowest run. */
    record Dpdk(double ns, double nsMin, double nsMax) {
    }

    /**
     * One row.
     *
     * @param ours our headline benchmark, or null
     * @param best the fastest peer, or null
     * @param others our other benchmarks for this row
     * @param dpdk DPDK's figure, or null
     */
    record Row(String scenario, String variant, int n, Measurement ours, Measurement best, List<Measurement> others,
            Dpdk dpdk) {
    }

    final List<Row> rows;
    final List<Measurement> all;

    Table(List<Measurement> all, Map<String, Dpdk> dpdk) {
        this.all = all;
        this.rows = build(all, dpdk);
    }

    static String dpdkKey(String scenario, String variant, int n) {
        return scenario + "," + variant + "," + n;
    }

    static boolean isRingScenario(String scenario) {
        return scenario.startsWith("R");
    }

    /** The row variant a measurement belongs to, or null for a pool peer (every variant of its scenario). */
    static String variantOf(Measurement m) {
        if (m.mode() != null) {
            return m.mode();
        }
        return m.ours() ? POOL_VARIANTS.get(m.impl()) : null;
    }

    private static boolean isHeadline(Measurement m) {
        return m.ours() && (isRingScenario(m.scenario()) ? m.impl().equals("jmempool")
                : POOL_VARIANTS.containsKey(m.impl()));
    }

    private static List<Row> build(List<Measurement> all, Map<String, Dpdk> dpdk) {
        List<Row> rows = new ArrayList<>();
        for (String scenario : SCENARIOS) {
            List<Measurement> ms = all.stream().filter(m -> m.scenario().equals(scenario)).toList();
            if (ms.isEmpty()) {
                continue;
            }
            Set<String> variants = new LinkedHashSet<>();
            for (Measurement m : ms) {
                String v = variantOf(m);
                if (v != null) {
                    variants.add(v);
                }
            }
            if (variants.isEmpty()) {
                variants.add(DEFAULT_POOL_VARIANT);
            }
            List<String> orderedVariants = new ArrayList<>(variants);
            orderedVariants.sort(Comparator.comparingInt(Table::variantRank).thenComparing(v -> v));
            List<Integer> ns = ms.stream().map(Measurement::n).distinct().sorted().toList();
            for (String variant : orderedVariants) {
                for (int n : ns) {
                    Measurement ours = null;
                    Measurement best = null;
                    List<Measurement> others = new ArrayList<>();
                    for (Measurement m : ms) {
                        String v = variantOf(m);
                        if (m.n() != n || (v != null && !v.equals(variant))) {
                            continue;
                        }
                        if (isHeadline(m)) {
                            ours = m;
                        } else if (m.ours()) {
                            others.add(m);
                        } else if (best == null || m.ns() < best.ns()) {
                            best = m;
                        }
                    }
                    if (ours == null && best == null && others.isEmpty()) {
                        continue;
                    }
                    rows.add(new Row(scenario, variant, n, ours, best, others, dpdk.get(dpdkKey(scenario, variant, n))));
                }
            }
        }
        return rows;
    }

    private static int variantRank(String v) {
        int i = VARIANT_ORDER.indexOf(v);
        return i < 0 ? VARIANT_ORDER.size() : i;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Rendering

    private static final String[] HEAD = {"scenario", "variant", "n", "ours ns/obj", "ours Mobj/s", "spread ns/obj",
        "best peer", "peer ns/obj", "ours/best", "DPDK C ns/obj", "ours/DPDK", "other ours ns/obj"};

    private static List<String[]> cells(List<Row> rows) {
        List<String[]> out = new ArrayList<>();
        for (Row r : rows) {
            Measurement o = r.ours();
            Measurement b = r.best();
            List<String> others = new ArrayList<>();
            for (Measurement m : r.others()) {
                others.add(m.impl() + " " + num(m.ns()));
            }
            out.add(new String[] {
                r.scenario(), r.variant(), Integer.toString(r.n()),
                o == null ? "–" : withError(o.ns(), o.nsError()),
                o == null ? "–" : withError(o.mobj(), o.mobjError()),
                o == null ? "–" : num(o.nsMin()) + "–" + num(o.nsMax()),
                b == null ? "–" : b.impl(),
                b == null ? "–" : num(b.ns()),
                o == null || b == null ? "–" : ratio(o.ns() / b.ns()),
                r.dpdk() == null ? "–" : num(r.dpdk().ns()),
                o == null || r.dpdk() == null ? "–" : ratio(o.ns() / r.dpdk().ns()),
                others.isEmpty() ? "" : String.join(", ", others)});
        }
        return out;
    }

    /** The compact table as fixed-width text. */
    String text() {
        List<String[]> body = cells(rows);
        int[] width = new int[HEAD.length];
        for (int i = 0; i < HEAD.length; i++) {
            width[i] = HEAD[i].length();
        }
        for (String[] c : body) {
            for (int i = 0; i < c.length; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, HEAD, width);
        String previous = null;
        for (String[] c : body) {
            String group = c[0] + " " + c[1];
            if (previous != null && !group.equals(previous)) {
                sb.append('\n');
            }
            previous = group;
            appendLine(sb, c, width);
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, String[] c, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            boolean right = i == 2 || (i >= 3 && i != 6 && i != 11);
            String cell = c[i];
            String pad = " ".repeat(width[i] - cell.length());
            line.append(right ? pad + cell : cell + pad);
            if (i < c.length - 1) {
                line.append("  ");
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    /** The compact table in Markdown. */
    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append('|').append(String.join("|", HEAD)).append("|\n|");
        for (int i = 0; i < HEAD.length; i++) {
            sb.append(i <= 1 || i == 6 || i == 11 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (String[] c : cells(rows)) {
            sb.append('|').append(String.join("|", c)).append("|\n");
        }
        return sb.toString();
    }

    /** Every measurement, per scenario: the data behind the compact table. */
    String markdownAll() {
        StringBuilder sb = new StringBuilder();
        Map<String, List<Measurement>> byScenario = new LinkedHashMap<>();
        for (String s : SCENARIOS) {
            byScenario.put(s, new ArrayList<>());
        }
        for (Measurement m : all) {
            byScenario.get(m.scenario()).add(m);
        }
        for (Map.Entry<String, List<Measurement>> e : byScenario.entrySet()) {
            List<Measurement> ms = new ArrayList<>(e.getValue());
            if (ms.isEmpty()) {
                continue;
            }
            ms.sort(Comparator.comparing((Measurement m) -> m.mode() == null ? "" : m.mode(),
                    Comparator.comparingInt(Table::variantRank)).thenComparingInt(Measurement::n)
                    .thenComparing(m -> !m.ours()).thenComparingDouble(Measurement::ns));
            sb.append("\n### ").append(e.getKey()).append("\n\n");
            sb.append("|benchmark|mode|n|ns/obj|Mobj/s|spread ns/obj|fork means ns/obj|alloc B/op|\n");
            sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (Measurement m : ms) {
                List<String> forks = new ArrayList<>();
                for (double f : m.forkNs()) {
                    forks.add(num(f));
                }
                sb.append('|').append(m.ours() ? "**" + m.impl() + "**" : m.impl())
                        .append('|').append(m.mode() == null ? "" : m.mode())
                        .append('|').append(m.n())
                        .append('|').append(withError(m.ns(), m.nsError()))
                        .append('|').append(withError(m.mobj(), m.mobjError()))
                        .append('|').append(num(m.nsMin())).append('–').append(num(m.nsMax()))
                        .append('|').append(String.join(", ", forks))
                        .append('|').append(Double.isNaN(m.allocPerOp()) ? "?" : alloc(m.allocPerOp()))
                        .append("|\n");
            }
        }
        return sb.toString();
    }

    /** Three significant digits at most, no exponent. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "?";
        }
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    static String withError(double v, double err) {
        return Double.isNaN(err) ? num(v) : num(v) + " ± " + num(err);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    static String alloc(double bytesPerOp) {
        return bytesPerOp < 0.001 ? "0" : String.format(Locale.ROOT, "%.3g", bytesPerOp);
    }
}
