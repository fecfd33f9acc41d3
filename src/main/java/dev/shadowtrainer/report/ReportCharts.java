package dev.shadowtrainer.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn by XChart off-screen and returned as {@code <img>} elements with the PNG inline
 * (base64), so the page needs no other file. PNG, not SVG: XChart's SVG writes every line segment and glyph
 * as its own element, some megabytes for one 90-day equity chart, where the PNG is tens of kilobytes.
 */
final class ReportCharts {
    /** Points a line chart keeps per series; longer series keep each bucket's lowest and highest value. */
    static final int MAX_POINTS = 1200;
    private static final int WIDTH = 960;
    private static final Color[] PALETTE = {new Color(0x1f4e99), new Color(0xff7f0e), new Color(0x7f7f7f),
        new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2),
        new Color(0x17becf)};
    static {
        // Charts are drawn off-screen; a server without a display must not try to open one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** One line chart over time: the series share {@code times} (epoch ms). */
    String timeLines(String title, String yTitle, long[] times, Map<String, double[]> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(380).title(title).xAxisTitle("time (UTC)")
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setDatePattern("MM-dd HH:mm");
        int n = 0;
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            int[] keep = envelope(e.getValue(), MAX_POINTS);
            List<Date> x = new ArrayList<>(keep.length);
            List<Double> y = new ArrayList<>(keep.length);
            for (int i : keep) {
                x.add(new Date(times[i]));
                y.add(finiteOrNull(e.getValue()[i]));
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            // The policy (first) drawn bold; every series its own colour (XChart's default cycle repeats hues).
            s.setLineColor(PALETTE[n % PALETTE.length]);
            s.setLineWidth(n == 0 ? 2.2f : 1.2f);
            n++;
        }
        return png(chart);
    }

    /** Line charts against a plain x (e.g. update number); NaN values are gaps. */
    String lines(String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH / 2 - 10).height(300).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(series.size() > 1);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(e.getValue()[i])) {
                    xs.add(x[i]);
                    ys.add(e.getValue()[i]);
                }
            }
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            s.setMarker(xs.size() > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        return png(chart);
    }

    /** A histogram of {@code values} in equal bins from their minimum to their maximum. */
    String histogram(String title, String xTitle, double[] values, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max <= min) {
            max = min + 1;
        }
        double width = (max - min) / bins;
        int[] counts = new int[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
        }
        List<String> labels = new ArrayList<>(bins);
        List<Integer> ys = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            labels.add(String.format(java.util.Locale.ROOT, "%.2f", min + (b + 0.5) * width));
            ys.add(counts[b]);
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(340).title(title).xAxisTitle(xTitle)
                .yAxisTitle("trades").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setAvailableSpaceFill(0.95);
        chart.addSeries("trades", labels, ys);
        return png(chart);
    }

    /** A heat map of a Q-table: states down, actions across, the Q value as colour. */
    String heatMap(String title, List<String> states, List<String> actions, double[][] q) {
        int height = Math.max(320, 180 + 16 * states.size());
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH + 200).height(height).title(title)
                .xAxisTitle("action").yAxisTitle("state").build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLabelRotation(90);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, actions.size() > 30 ? 8 : 10);
        chart.getStyler().setAxisTickLabelsFont(small);
        // One label per row and column: the default spacing drops most state and action names.
        chart.getStyler().setXAxisTickMarkSpacingHint(8);
        chart.getStyler().setYAxisTickMarkSpacingHint(8);
        // Five colours for seven bands (XChart's banded legend needs fewer than twice as many bands as colours);
        // an odd number, so the middle band, nearly white, holds zero: the Q of a pair never tried.
        chart.getStyler().setRangeColors(new Color[] {new Color(0x2166ac), new Color(0x92c5de), new Color(0xf7f7f7),
            new Color(0xf4a582), new Color(0xb2182b)});
        double lo = 0;
        double hi = 0;
        List<Number[]> cells = new ArrayList<>();
        for (int s = 0; s < states.size(); s++) {
            for (int a = 0; a < actions.size(); a++) {
                double v = q[s][a];
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    cells.add(new Number[] {a, s, v});
                }
            }
        }
        // Symmetric about zero, so white is "no value learned" and red / blue read as better / worse.
        double span = Math.max(Math.max(-lo, hi), 1e-12);
        chart.getStyler().setMin(-span);
        chart.getStyler().setMax(span);
        // A legend of value bands: the continuous one prints its ends unrounded (17 digits).
        chart.getStyler().setPiecewise(true);
        chart.getStyler().setSplitNumber(7);
        chart.getStyler().setHeatMapValueDecimalPattern(span >= 0.01 ? "0.000" : "0.00E0");
        chart.addSeries("Q", actions, states, cells);
        return png(chart);
    }

    /** Bars per category, one series per map entry (e.g. post-exit verdicts of policy and shadow trades). */
    String bars(String title, String yTitle, List<String> categories, Map<String, double[]> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH / 2 - 10).height(300).title(title)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (double v : e.getValue()) {
                ys.add(v);
            }
            chart.addSeries(e.getKey(), categories, ys);
        }
        return png(chart);
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setAntiAlias(true);
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        styler.setBaseFont(base);
        styler.setChartTitleFont(base.deriveFont(Font.BOLD, 14f));
        styler.setLegendFont(base);
    }

    private static String png(Chart<?, ?> chart) {
        byte[] bytes;
        try {
            bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new IllegalStateException("the chart '" + chart.getTitle() + "' cannot be drawn as PNG", e);
        }
        return "<img alt=\"" + RunReport.esc(chart.getTitle()) + "\" width=\"" + chart.getWidth() + "\" height=\""
                + chart.getHeight() + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(bytes)
                + "\">";
    }

    /** Indices to draw: all when few, else per bucket its lowest and highest value in time order. */
    static int[] envelope(double[] values, int maxPoints) {
        int n = values.length;
        if (n <= maxPoints) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int buckets = Math.max(1, maxPoints / 2);
        List<Integer> keep = new ArrayList<>(maxPoints + 2);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (values[i] < values[lo]) {
                    lo = i;
                }
                if (values[i] > values[hi]) {
                    hi = i;
                }
            }
            keep.add(Math.min(lo, hi));
            if (lo != hi) {
                keep.add(Math.max(lo, hi));
            }
        }
        if (keep.get(0) != 0) {
            keep.add(0, 0);
        }
        if (keep.get(keep.size() - 1) != n - 1) {
            keep.add(n - 1);
        }
        int[] out = new int[keep.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = keep.get(i);
        }
        return out;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
