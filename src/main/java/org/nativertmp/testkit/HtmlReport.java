package org.nativertmp.testkit;

final class HtmlReport {
    private HtmlReport() {
    }

    static String render(WireComparison c) {
        return c.toString();
    }
}
