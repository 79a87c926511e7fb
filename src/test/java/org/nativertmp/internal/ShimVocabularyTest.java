package org.nativertmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nativertmp.TraceEvent;

/** The lists the shim defines in C and Java mirrors agree, value for value and name for name. */
class ShimVocabularyTest {
    @Test
    void everyNativeStatusHasTheNameTheShimGivesItsValue() {
        NativeStatus[] statuses = NativeStatus.values();
        for (int i = 0; i < statuses.length; i++) {
            assertEquals(statuses[i].name(), LibRtmp.nrtmp_status_name(i), "enum nrtmp_status value " + i);
        }
        assertNull(LibRtmp.nrtmp_status_name(statuses.length), "the shim has more statuses than NativeStatus");
    }

    @Test
    void callReportStepsAndSeenKindsHaveTheNamesTheShimGivesTheirValues() {
        CallReport.Step[] steps = CallReport.Step.values();
        for (int i = 0; i < steps.length; i++) {
            assertEquals(steps[i].name(), LibRtmp.nrtmp_step_name(i), "enum nrtmp_step value " + i);
        }
        assertNull(LibRtmp.nrtmp_step_name(steps.length), "the shim has more steps than CallReport.Step");
        CallReport.Seen[] seen = CallReport.Seen.values();
        for (int i = 0; i < seen.length; i++) {
            assertEquals(seen[i].name(), LibRtmp.nrtmp_seen_name(i), "enum nrtmp_seen value " + i);
        }
        assertNull(LibRtmp.nrtmp_seen_name(seen.length), "the shim has more kinds than CallReport.Seen");
    }

    @Test
    void traceEventKindsMirrorTheShimsTraceKindsInOrder() {
        TraceEvent.Kind[] kinds = TraceEvent.Kind.values();
        int i = 0;
        for (String name = LibRtmp.nrtmp_trace_kind_name(0); name != null; name = LibRtmp.nrtmp_trace_kind_name(++i)) {
            assertEquals(name, kinds[i].name(), "enum nrtmp_trace_kind value " + i);
        }
        // The one kind that Java adds, after the shim's: librtmp's log lines.
        assertEquals(kinds.length - 1, i, "TraceEvent.Kind has the shim's " + i + " kinds and LOG");
        assertEquals(TraceEvent.Kind.LOG, kinds[kinds.length - 1]);
    }
}
