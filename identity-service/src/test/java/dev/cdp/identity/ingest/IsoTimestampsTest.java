package dev.cdp.identity.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {

    @Test
    void readsEveryShapeAsJavaTimeDoes() {
        SplittableRandom random = new SplittableRandom(11);
        List<String> patterns = List.of(
                "yyyy-MM-dd'T'HH:mm:ssXXX",
                "yyyy-MM-dd'T'HH:mm:ss.SXXX",
                "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
                "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
                "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX",
                "yyyy-MM-dd'T'HH:mmXXX",
                "yyyy-MM-dd'T'HH:mm:ssXXXXX");
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(-2_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 4, 18 * 4 + 1) * 900);
            String text = OffsetDateTime.ofInstant(instant, offset)
                    .format(DateTimeFormatter.ofPattern(patterns.get(random.nextInt(patterns.size()))));
            assertEquals(OffsetDateTime.parse(text).toInstant(), IsoTimestamps.parse(text), text);
        }
    }

    @Test
    void readsTheShapesSdksSend() {
        assertEquals(Instant.parse("2026-11-28T10:15:30Z"), IsoTimestamps.parse("2026-11-28T10:15:30Z"));
        assertEquals(Instant.parse("2026-11-28T10:15:30.123Z"), IsoTimestamps.parse("2026-11-28T10:15:30.123Z"));
        assertEquals(Instant.parse("2026-11-28T02:15:30Z"), IsoTimestamps.parse("2026-11-28T10:15:30+08:00"));
        assertEquals(
                Instant.parse("2024-02-29T23:59:59.999999999Z"), IsoTimestamps.parse("2024-02-29T23:59:59.999999999Z"));
        assertEquals(
                Instant.parse("2026-11-28T10:15:00Z"),
                IsoTimestamps.parse("2026-11-28t10:15z"),
                "what java.time takes still reads");
        assertEquals(Instant.parse("2026-11-28T10:15:30Z"), IsoTimestamps.parse("2026-11-28T10:15:30.Z"));
    }

    @Test
    void rejectsWhatJavaTimeRejects() {
        for (String bad : List.of(
                "2025-02-29T10:15:30Z",
                "2026-13-01T10:15:30Z",
                "2026-11-28T24:00:00Z",
                "2026-11-28T10:15:60Z",
                "2026-11-28T10:15:30",
                "2026-11-28T10:15:30+19:00",
                "2026-11-28T10:15:30.1234567890Z",
                "2026-11-28 10:15:30Z",
                "yesterday",
                "2026-1x-28T10:15:30Z")) {
            assertThrows(DateTimeParseException.class, () -> IsoTimestamps.parse(bad), bad);
            assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(bad), bad);
        }
    }
}
