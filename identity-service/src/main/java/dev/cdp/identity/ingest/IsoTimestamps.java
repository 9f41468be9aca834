package dev.cdp.identity.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 date-times with an offset, as SDKs send them. The shapes nearly every SDK writes
 * ({@code 2026-11-28T10:15:30Z}, with a fraction of up to nine digits or a {@code ±hh:mm} offset)
 * are read digit by digit; anything else goes through {@link OffsetDateTime#parse}, which reads
 * and rejects exactly as before. java.time's general parser was a twentieth of ingest's CPU.
 */
final class IsoTimestamps {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final int SECONDS_PER_DAY = 86_400;

    private IsoTimestamps() {}

    /** @throws DateTimeParseException when the text is not an ISO-8601 date-time with an offset */
    static Instant parse(String text) {
        Instant common = common(text);
        return common != null ? common : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±hh:mm)}; null for any other text, valid or not. */
    private static Instant common(String s) {
        int length = s.length();
        if (length < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0
                || month < 0
                || day < 0
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < length && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int figures = i - start;
            if (figures == 0 || figures > 9) {
                return null;
            }
            nanos = digits(s, start, figures) * POWERS_OF_TEN[9 - figures];
        }
        int offsetSeconds;
        if (i == length - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == length - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            if (offsetHours < 0
                    || offsetHours > 18
                    || offsetMinutes < 0
                    || offsetMinutes > 59
                    || offsetHours == 18 && offsetMinutes > 0) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(
                epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The decimal number in {@code count} ASCII digits from {@code from}; -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
