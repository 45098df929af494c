package io.jmempool.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * The report's chart: for each scenario, ns per object at each variant and n for ours, the best peer and DPDK C,
 * on a logarithmic axis (the figures span three orders of magnitude). One PNG, one panel per scenario.
 */
final class Chart {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 420;

    private Chart() {
    }

    static void write(Table table, String subtitle, Path png) throws IOException {
        List<CategoryChart> charts = new ArrayList<>();
        for (String scenario : Table.SCENARIOS) {
            List<Table.Row> rows = table.rows.stream().filter(r -> r.scenario().equals(scenario)).toList();
            if (!rows.isEmpty()) {
                charts.add(panel(scenario, subtitle, rows));
            }
        }
        if (charts.isEmpty()) {
            return;
        }
        BitmapEncoder.saveBitmap(charts, charts.size(), 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart panel(String scenario, String subtitle, List<Table.Row> rows) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(scenario + ": ns per object, lower is better (" + subtitle + ")")
                .xAxisTitle("variant, n").yAxisTitle("ns per object (log)").build();
        CategoryStyler s = chart.getStyler();
        s.setYAxisLogarithmic(true);
        s.setXAxisLabelRotation(rows.size() > 8 ? 30 : 0);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        // Bars start at the axis minimum, which a log axis needs set explicitly: whole decades around the data.
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Table.Row r : rows) {
            for (Double v : new Double[] {r.ours() == null ? null : r.ours().ns(), r.best() == null ? null
                    : r.best().ns(), r.dpdk() == null ? null : r.dpdk().ns()}) {
                if (v != null && v > 0 && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (max > 0) {
            s.setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            s.setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
        }
        List<String> x = rows.stream().map(r -> r.variant() + " n=" + r.n()).toList();
        addSeries(chart, "ours (jmempool)", new Color(0x1f77b4), x, rows, r -> r.ours() == null ? null : r.ours().ns());
        addSeries(chart, "best Java peer", new Color(0xff7f0e), x, rows, r -> r.best() == null ? null : r.best().ns());
        addSeries(chart, "DPDK C", new Color(0x2ca02c), x, rows, r -> r.dpdk() == null ? null : r.dpdk().ns());
        return chart;
    }

    /** Adds a series if it has any value; missing values stay empty in the panel. */
    private static void addSeries(CategoryChart chart, String name, Color color, List<String> x, List<Table.Row> rows,
            Function<Table.Row, Double> value) {
        List<Double> y = rows.stream().map(value).toList();
        if (y.stream().allMatch(v -> v == null)) {
            return;
        }
        chart.addSeries(name, x, new ArrayList<>(y)).setFillColor(color);
    }
}
