package org.nativertmp.testkit;

import java.util.List;
import org.nativertmp.testkit.WireComparison.Difference;
import org.nativertmp.testkit.WireComparison.Row;
import org.nativertmp.testkit.WireComparison.TypeSummary;

/**
 * {@link WireComparison} as one self-contained HTML page (no script, no external resource): the
 * handshakes and the summary per message type on top, then the two transcripts side by side,
 * aligned message by message, with differing rows highlighted and their differences beneath.
 * Long runs of identical rows are folded into a {@code <details>} element.
 */
final class HtmlReport {
    /** Identical rows shown around a fold; a run longer than twice this is folded. */
    private static final int CONTEXT_ROWS = 2;

    private static final String STYLE = String.join("\n",
            "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#1b1f24;background:#fff}",
            "h1{font-size:20px;margin:0 0 .3em}h2{font-size:16px;margin:1.2em 0 .4em}",
            ".meta{color:#57606a;margin:.1em 0}",
            "table{border-collapse:collapse;width:100%}",
            "th,td{border:1px solid #d0d7de;padding:3px 6px;vertical-align:top;text-align:left}",
            "th{background:#f6f8fa}",
            "table.summary{width:auto}table.summary td.n{text-align:right;font-variant-numeric:tabular-nums}",
            "td.ok{color:#1a7f37}td.bad{color:#cf222e}td.off{color:#8c959f}",
            "table.rows td.msg{font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-all;width:46%}",
            "table.rows td.i{width:3em;text-align:right;color:#57606a;font:12px ui-monospace,monospace}",
            "tr.differ td.msg{background:#fff8c5}",
            "tr.only-expected td.e,tr.only-expected td.ie{background:#ffebe9}",
            "tr.only-actual td.a,tr.only-actual td.ia{background:#dafbe1}",
            "tr.why td{background:#fffbea;font-size:12px;color:#6e5300;border-top:none}",
            "tr.fold td{background:#f6f8fa;color:#57606a;font-size:12px}",
            "summary{cursor:pointer}",
            "ul.notes{margin:.2em 0;padding-left:1.2em;color:#57606a}");

    private HtmlReport() {
    }

    static String render(WireComparison c) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.append("<title>").append(esc(c.expectedLabel() + " vs " + c.actualLabel())).append("</title>");
        h.append("<style>\n").append(STYLE).append("\n</style></head><body>\n");
        h.append("<h1>RTMP comparison at level ").append(esc(c.options().toString())).append("</h1>\n");
        h.append("<p class=\"meta\">expected: <b>").append(esc(c.expectedLabel())).append("</b> &mdash; ")
                .append(esc(c.expectedHandshake().describe())).append("</p>\n");
        h.append("<p class=\"meta\">actual: <b>").append(esc(c.actualLabel())).append("</b> &mdash; ")
                .append(esc(c.actualHandshake().describe())).append("</p>\n");
        h.append("<p><b>").append(c.isIdentical() ? "identical at this level"
                : c.differences().size() + (c.differences().size() == 1 ? " difference" : " differences")).append("</b></p>\n");
        summary(h, c);
        if (!c.notes().isEmpty()) {
            h.append("<ul class=\"notes\">");
            for (String n : c.notes()) {
                h.append("<li>").append(esc(n)).append("</li>");
            }
            h.append("</ul>\n");
        }
        List<Difference> outside = c.differences().stream().filter(d -> d.expectedIndex() < 0 && d.actualIndex() < 0).toList();
        if (!outside.isEmpty()) {
            h.append("<h2>Handshake and chunk stream</h2><ul>");
            for (Difference d : outside) {
                h.append("<li>").append(esc(d.description())).append("</li>");
            }
            h.append("</ul>\n");
        }
        rows(h, c.rows());
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, WireComparison c) {
        h.append("<h2>Messages by type</h2>\n<table class=\"summary\"><tr><th>type</th><th>expected</th>"
                + "<th>actual</th><th>paired</th><th>identical</th><th></th></tr>\n");
        for (TypeSummary s : c.summary()) {
            String verdict = s.line().substring(s.line().lastIndexOf("  ") + 2);
            String cls = !s.compared() ? "off" : s.allIdentical() ? "ok" : "bad";
            h.append("<tr><td>").append(esc(s.type())).append("</td><td class=\"n\">").append(s.expected())
                    .append("</td><td class=\"n\">").append(s.actual()).append("</td><td class=\"n\">")
                    .append(s.compared() ? String.valueOf(s.paired()) : "").append("</td><td class=\"n\">")
                    .append(s.compared() ? String.valueOf(s.identical()) : "").append("</td><td class=\"").append(cls)
                    .append("\">").append(esc(verdict)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void rows(StringBuilder h, List<Row> rows) {
        h.append("<h2>Messages, aligned</h2>\n<table class=\"rows\"><tr><th>#</th><th>expected</th><th>#</th>"
                + "<th>actual</th></tr>\n");
        int i = 0;
        while (i < rows.size()) {
            int run = i;
            while (run < rows.size() && rows.get(run).differences().isEmpty()) {
                run++;
            }
            int same = run - i;
            if (same > 2 * CONTEXT_ROWS + 1) {
                for (int k = i; k < i + CONTEXT_ROWS; k++) {
                    row(h, rows.get(k));
                }
                h.append("<tr class=\"fold\"><td colspan=\"4\"><details><summary>")
                        .append(same - 2 * CONTEXT_ROWS).append(" identical messages</summary><table class=\"rows\">");
                for (int k = i + CONTEXT_ROWS; k < run - CONTEXT_ROWS; k++) {
                    row(h, rows.get(k));
                }
                h.append("</table></details></td></tr>\n");
                for (int k = run - CONTEXT_ROWS; k < run; k++) {
                    row(h, rows.get(k));
                }
                i = run;
            } else {
                int end = Math.max(run, i + 1);
                for (int k = i; k < end && k < rows.size(); k++) {
                    row(h, rows.get(k));
                }
                i = end;
            }
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, Row r) {
        String cls = r.differences().isEmpty() ? "same" : !r.paired()
                ? (r.expectedIndex() >= 0 ? "only-expected" : "only-actual") : "differ";
        h.append("<tr class=\"").append(cls).append("\"><td class=\"i ie\">")
                .append(r.expectedIndex() >= 0 ? String.valueOf(r.expectedIndex()) : "").append("</td><td class=\"msg e\">")
                .append(esc(r.expectedText())).append("</td><td class=\"i ia\">")
                .append(r.actualIndex() >= 0 ? String.valueOf(r.actualIndex()) : "").append("</td><td class=\"msg a\">")
                .append(esc(r.actualText())).append("</td></tr>\n");
        if (r.paired() && !r.differences().isEmpty()) {
            h.append("<tr class=\"why\"><td></td><td colspan=\"3\">");
            for (Difference d : r.differences()) {
                String text = d.description();
                int cut = text.indexOf("): ");
                h.append(esc(cut > 0 ? text.substring(cut + 3) : text)).append("<br>");
            }
            h.append("</td></tr>\n");
        }
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                default: sb.append(ch);
            }
        }
        return sb.toString();
    }
}
