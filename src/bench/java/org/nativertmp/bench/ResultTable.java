package org.nativertmp.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's printed tables: measurements (median and min-max of the rounds) and ratios
 * between two variants that ran alternately in the same rounds (the ratio of the medians, and
 * the median of each round's own ratio, which cancels drift slower than a round), each beside
 * the target it is held against.
 */
final class ResultTable {
    private record Row(String name, String unit, double median, String spread) {
    }

    private record Ratio(String name, double ofMedians, double paired, String target, boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    void add(String name, String unit, double[] runs) {
        double[] v = runs.clone();
        Arrays.sort(v);
        rows.add(new Row(name, unit, median(v), format(v[0]) + "-" + format(v[v.length - 1])));
    }

    void add(String name, String unit, double value) {
        rows.add(new Row(name, unit, value, ""));
    }

    /** a[i] and b[i] ran in the same round; {@code atLeast} 0: no target. */
    void ratio(String name, double[] a, double[] b, double atLeast) {
        double[] each = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            each[i] = a[i] / b[i];
        }
        double paired = median(each);
        ratios.add(new Ratio(name, median(a) / median(b), paired,
                atLeast > 0 ? String.format(Locale.ROOT, ">= %.2f", atLeast) : "", atLeast <= 0 || paired >= atLeast));
    }

    void note(String text) {
        notes.add(text);
    }

    void print(PrintStream out) {
        int width = Math.max(rows.stream().mapToInt(r -> r.name().length()).max().orElse(10),
                ratios.stream().mapToInt(r -> r.name().length()).max().orElse(10));
        String rowFormat = "| %-" + width + "s | %-8s | %8s | %-13s |%n";
        out.printf(Locale.ROOT, rowFormat, "measured", "unit", "median", "min-max");
        out.printf(Locale.ROOT, rowFormat, "-".repeat(width), "--------", "-------:", "-------------");
        for (Row r : rows) {
            out.printf(Locale.ROOT, rowFormat, r.name(), r.unit(), format(r.median()), r.spread());
        }
        out.println();
        String ratioFormat = "| %-" + width + "s | %9s | %6s | %-7s | %-4s |%n";
        out.printf(Locale.ROOT, ratioFormat, "ratio (same rounds, alternating)", "of medians", "paired", "target", "met");
        out.printf(Locale.ROOT, ratioFormat, "-".repeat(width), "--------:", "-----:", "-------", "----");
        for (Ratio r : ratios) {
            out.printf(Locale.ROOT, ratioFormat, r.name(), String.format(Locale.ROOT, "%.2f", r.ofMedians()),
                    String.format(Locale.ROOT, "%.2f", r.paired()), r.target(), r.target().isEmpty() ? "" : r.met() ? "yes" : "no");
        }
        for (String n : notes) {
            out.println(n);
        }
    }

    static String format(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }
}
