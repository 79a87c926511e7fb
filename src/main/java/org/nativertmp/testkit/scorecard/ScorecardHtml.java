package org.nativertmp.testkit.scorecard;

import java.util.Locale;

/**
 * {@link ScorecardResult} as one self-contained HTML page (no script, no external resource): the
 * summary on top, then one table row per scenario with its verdict, its differences and the rule
 * of the specification it checks.
 */
final class ScorecardHtml {
    private static final String STYLE = String.join("\n",
            "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1f24;background:#fff}",
            "h1{font-size:20px;margin:0 0 .3em}p.meta{color:#57606a;margin:.2em 0}",
            "table{border-collapse:collapse;width:100%;margin-top:.8em}",
            "th,td{border:1px solid #d0d7de;padding:4px 7px;vertical-align:top;text-align:left}",
            "th{background:#f6f8fa}td.name{white-space:nowrap;font:12px ui-monospace,Menlo,Consolas,monospace}",
            "td.name span{display:block;font:12px system-ui,sans-serif;color:#57606a;white-space:normal;max-width:26em}",
            "td.role{color:#57606a}",
            "td.v{font-weight:600;white-space:nowrap}td.same{color:#1a7f37}td.differs{color:#9a6700;background:#fff8c5}",
            "td.failed{color:#cf222e;background:#ffebe9}",
            "ul{margin:0;padding-left:1.1em}li{font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;word-break:break-word}",
            "td.rule{font-size:12px;color:#57606a;max-width:24em}td.rule b{color:#cf222e;font-weight:600}",
            "span.count{display:inline-block;margin-right:1em}");

    private ScorecardHtml() {
    }

    static String render(ScorecardResult r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc("RTMP scorecard: " + r.client() + " against " + r.reference())).append("</title>");
        h.append("<style>\n").append(STYLE).append("\n</style></head><body>\n");
        h.append("<h1>RTMP scorecard: ").append(esc(r.client())).append(" against ").append(esc(r.reference()))
                .append("</h1>\n<p class=\"meta\">");
        for (Verdict v : Verdict.values()) {
            h.append("<span class=\"count\"><b>").append(r.count(v)).append("</b> ").append(v.word()).append("</span>");
        }
        h.append(r.rows().size()).append(" scenarios; what was sent compared at level ")
                .append(esc(r.options().toString())).append("; ").append(Math.max(1, r.elapsed().toSeconds()))
                .append(" s</p>\n<p class=\"meta\">Each row leaves out the differences its role's baseline row shows."
                        + " librtmp is the reference for behaviour, not for correctness: the last column says who keeps"
                        + " the rule a scenario checks.</p>\n");
        h.append("<table><tr><th>scenario</th><th>role</th><th>verdict</th><th>differences from ")
                .append(esc(r.reference())).append("</th><th>specification</th></tr>\n");
        for (ScorecardRow row : r.rows()) {
            row(h, row);
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    private static void row(StringBuilder h, ScorecardRow row) {
        String verdict = row.verdict().word();
        h.append("<tr><td class=\"name\">").append(esc(row.name())).append("<span>")
                .append(esc(row.scenario().description())).append("</span></td><td class=\"role\">")
                .append(row.scenario().role().word()).append("</td><td class=\"v ").append(verdict).append("\">")
                .append(verdict.toUpperCase(Locale.ROOT)).append("</td><td>");
        if (!row.differences().isEmpty()) {
            h.append("<ul>");
            for (String d : row.differences()) {
                h.append("<li>").append(esc(d)).append("</li>");
            }
            h.append("</ul>");
        }
        if (row.baselineDifferences() > 0) {
            h.append("<small>").append(row.baselineDifferences()).append(" as in the baseline</small>");
        }
        h.append("</td><td class=\"rule\">").append(esc(row.scenario().spec()));
        if (!row.scenario().check().rule().isEmpty()) {
            h.append("<br>").append(esc(row.scenario().check().rule())).append("<br>")
                    .append(keeps(row.reference().client(), row.referenceViolation()))
                    .append("<br>").append(keeps(row.client().client(), row.clientViolation()));
        }
        h.append("</td></tr>\n");
    }

    private static String keeps(String who, java.util.Optional<String> violation) {
        return violation.map(v -> "<b>" + esc(who) + " breaks it</b>: " + esc(v)).orElse(esc(who) + " keeps it");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
