package org.nativertmp.testkit.scorecard;

import java.util.List;
import java.util.Optional;

/**
 * {@link ScorecardResult} as JSON: {@code {"client":…,"reference":…,"level":…,"scenarios":[…]}}, each
 * scenario with its name, role, verdict, differences, description, spec, the number of baseline
 * differences left out, the rule, each side's violation (null when it keeps the rule, or when
 * there is no rule), each side's outcome and time.
 */
final class ScorecardJson {
    private ScorecardJson() {
    }

    static String render(ScorecardResult r) {
        StringBuilder sb = new StringBuilder("{\n");
        field(sb, "  ", "client", r.client()).append(",\n");
        field(sb, "  ", "reference", r.reference()).append(",\n");
        field(sb, "  ", "level", r.options().toString()).append(",\n");
        sb.append("  \"scenarios\": [");
        for (int i = 0; i < r.rows().size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n");
            row(sb, r.rows().get(i));
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    private static void row(StringBuilder sb, ScorecardRow row) {
        String in = "      ";
        sb.append("    {\n");
        field(sb, in, "name", row.name()).append(",\n");
        field(sb, in, "role", row.scenario().role().word()).append(",\n");
        field(sb, in, "verdict", row.verdict().word()).append(",\n");
        sb.append(in).append("\"differences\": ").append(array(row.differences())).append(",\n");
        field(sb, in, "description", row.scenario().description()).append(",\n");
        field(sb, in, "spec", row.scenario().spec()).append(",\n");
        sb.append(in).append("\"baselineDifferences\": ").append(row.baselineDifferences()).append(",\n");
        field(sb, in, "rule", row.scenario().check().rule()).append(",\n");
        sb.append(in).append("\"referenceViolation\": ").append(nullable(row.scenario(), row.referenceViolation())).append(",\n");
        sb.append(in).append("\"clientViolation\": ").append(nullable(row.scenario(), row.clientViolation())).append(",\n");
        field(sb, in, "referenceOutcome", row.reference().outcome().toString()).append(",\n");
        field(sb, in, "clientOutcome", row.client().outcome().toString()).append(",\n");
        sb.append(in).append("\"referenceMillis\": ").append(row.reference().elapsed().toMillis()).append(",\n");
        sb.append(in).append("\"clientMillis\": ").append(row.client().elapsed().toMillis()).append('\n');
        sb.append("    }");
    }

    private static String nullable(Scenario s, Optional<String> v) {
        return v.isPresent() && !s.check().rule().isEmpty() ? string(v.get()) : "null";
    }

    private static StringBuilder field(StringBuilder sb, String indent, String name, String value) {
        return sb.append(indent).append(string(name)).append(": ").append(string(value));
    }

    private static String array(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(string(values.get(i)));
        }
        return sb.append(']').toString();
    }

    /** A JSON string (RFC 8259, 7): quotes, backslashes and control characters escaped. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
