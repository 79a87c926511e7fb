package org.nativertmp.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The result table: one row per variant, Java beside C, the ratio Java/C of the two medians, and
 * where Java and C ran in alternation, the median of the rounds' own ratios (each Java run over
 * the C run of the same round, which cancels drift that lasts longer than a round).
 */
final class ComparisonTable {
    /** One side's measurements of a variant: a median and how far the runs spread. */
    record Measure(double median, String spread) {
        /** The median of repeated runs, with "min-max" as the spread. */
        static Measure ofRuns(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Measure(median, format(v[0]) + "-" + format(v[v.length - 1]));
        }

        /** A JMH score with its 99.9% confidence half-width. */
        static Measure ofScore(double score, double error) {
            return new Measure(score, Double.isNaN(error) ? "" : "± " + format(error));
        }
    }

    private record Row(String variant, String unit, Measure java, Measure c, double pairedRatio) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String variant, String unit, Measure java, Measure c) {
        rows.add(new Row(variant, unit, java, c, Double.NaN));
    }

    /** A variant measured in rounds, Java and C alternating: {@code java[i]} and {@code c[i]} ran together. */
    void addRounds(String variant, String unit, double[] java, double[] c) {
        double[] ratios = new double[java.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = java[i] / c[i];
        }
        rows.add(new Row(variant, unit, Measure.ofRuns(java), Measure.ofRuns(c), Measure.ofRuns(ratios).median()));
    }

    void print(PrintStream out) {
        int width = rows.stream().mapToInt(r -> r.variant().length()).max().orElse(10);
        String format = "%-" + width + "s  %-7s  %7s %-13s  %7s %-13s  %6s  %6s%n";
        out.printf(Locale.ROOT, format, "variant", "unit", "Java", "(spread)", "C", "(spread)", "Java/C", "paired");
        for (Row r : rows) {
            out.printf(Locale.ROOT, format, r.variant(), r.unit(), format(r.java().median()),
                    "(" + r.java().spread() + ")", format(r.c().median()), "(" + r.c().spread() + ")",
                    String.format(Locale.ROOT, "%.2f", r.java().median() / r.c().median()),
                    Double.isNaN(r.pairedRatio()) ? "-" : String.format(Locale.ROOT, "%.2f", r.pairedRatio()));
        }
    }

    static String format(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }
}
