package org.nativertmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java copy of librtmp's option table is the table librtmp itself prints for an unknown option. */
class LibrtmpOptionTableTest {
    /** RTMP_OptUsage's line: "%10s %-7s  %s" (name, type, use). */
    private static final Pattern USAGE_LINE = Pattern.compile("^\\s*(\\S+) (string|integer|boolean|AMF)\\s+.*$");

    @Test
    void theTableIsLibrtmpsOwnInItsOrder() {
        Logger log = Logger.getLogger(LogBridge.LOGGER_NAME);
        Level saved = log.getLevel();
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        log.addHandler(capture);
        log.setLevel(Level.FINE);
        RtmpPeer peer = new RtmpPeer("test");
        try {
            assertThrows(IllegalArgumentException.class, () -> peer.setup("rtmp://127.0.0.1/live/x", false, List.of(),
                    List.of(java.util.Map.entry("no-such-option", "1"))));
        } finally {
            peer.close();
            log.removeHandler(capture);
            log.setLevel(saved);
        }
        List<String> printed = new ArrayList<>();
        for (String line : lines) {
            Matcher m = USAGE_LINE.matcher(line.substring(line.indexOf(": ") + 2));
            if (m.matches()) {
                printed.add(m.group(1) + " " + m.group(2).toUpperCase(Locale.ROOT));
            }
        }
        List<String> ours = LibrtmpOptionTable.names().stream()
                .map(n -> n + " " + LibrtmpOptionTable.typeOf(n)).toList();
        assertEquals(ours, printed);
    }
}
