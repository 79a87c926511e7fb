package org.nativertmp.amf0;

import java.time.Instant;

/**
 * An AMF0 date (marker 0x0B): milliseconds since 1970-01-01T00:00:00Z as a double, and a 16-bit
 * time zone field that the specification reserves ("should be set to 0x0000"). Both are kept as
 * they came, so that a date decoded and encoded again gives the same bytes.
 *
 * @param epochMillis milliseconds since the epoch (any double, as on the wire)
 * @param timeZone the time zone field, -32768 to 32767
 */
public record Amf0Date(double epochMillis, int timeZone) {
    /**
     * A date.
     *
     * @param epochMillis milliseconds since the epoch
     * @param timeZone the time zone field
     * @throws IllegalArgumentException when {@code timeZone} does not fit 16 bits
     */
    public Amf0Date {
        if (timeZone < Short.MIN_VALUE || timeZone > Short.MAX_VALUE) {
            throw new IllegalArgumentException("AMF0 date time zone must fit 16 bits, not " + timeZone);
        }
    }

    /**
     * The date of an instant, to the millisecond, with the time zone field 0.
     *
     * @param instant the instant; what lies below a millisecond is dropped
     * @return the date
     */
    public static Amf0Date of(Instant instant) {
        return new Amf0Date(instant.toEpochMilli(), 0);
    }

    /**
     * This date as an instant, to the millisecond (the time zone field plays no part).
     *
     * @return the instant
     * @throws ArithmeticException when the milliseconds are not a finite number an
     *         {@code Instant} can hold
     */
    public Instant toInstant() {
        if (!Double.isFinite(epochMillis) || Math.abs(epochMillis) > Long.MAX_VALUE / 2.0) {
            throw new ArithmeticException("AMF0 date " + epochMillis + " ms is no instant");
        }
        return Instant.ofEpochMilli((long) epochMillis);
    }
}
