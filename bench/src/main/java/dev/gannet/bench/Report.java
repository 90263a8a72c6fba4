package dev.gannet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The markdown table: one row per workload figure, Gannet's and Dovecot's medians with their ranges, and
 * the ratio oriented so that above 1 is better for Gannet (throughput: Gannet / Dovecot; latency and
 * memory: Dovecot / Gannet).
 */
final class Report {

    /** NEITHER: a count shown for information (errors), with no ratio. */
    enum Better { HIGHER, LOWER, NEITHER }

    record Row(String workload, String unit, Better better, List<Double> gannet, List<Double> dovecot) {
        double ratio() {
            double g = Stats.median(gannet);
            double d = Stats.median(dovecot);
            if (better == Better.NEITHER) {
                return Double.NaN;
            }
            return better == Better.HIGHER ? g / d : d / g;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    String markdown(String header) {
        StringBuilder sb = new StringBuilder(header);
        sb.append("\n| workload | Gannet | Dovecot | ratio (> 1: Gannet better) |\n|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.workload()).append(" (").append(r.unit()).append(direction(r.better())).append(") | ")
                    .append(cell(r.gannet())).append(" | ").append(cell(r.dovecot())).append(" | ")
                    .append(r.better() == Better.NEITHER ? "—" : format(r.ratio())).append(" |\n");
        }
        return sb.toString();
    }

    private static String direction(Better better) {
        if (better == Better.NEITHER) {
            return "";
        }
        return better == Better.HIGHER ? ", higher is better" : ", lower is better";
    }

    private static String cell(List<Double> values) {
        if (values.isEmpty()) {
            return "—";
        }
        return format(Stats.median(values)) + " (" + format(Stats.min(values)) + "–" + format(Stats.max(values)) + ")";
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "gave up";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
