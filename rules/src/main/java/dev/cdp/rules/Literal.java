package dev.cdp.rules;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A value written in a rule: a number, quoted text (which may name an ISO-8601 instant) or true / false. */
public sealed interface Literal permits Literal.Number, Literal.Text, Literal.Flag {

    /** How the literal is written in a rule's text. */
    String text();

    /** The tag value this literal compares with as {@code comparison} (negative, zero, positive), or null when the types do not compare. */
    Integer compareTo(Object value);

    record Number(double value) implements Literal {
        @Override
        public String text() {
            return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }

        @Override
        public Integer compareTo(Object tag) {
            if (tag instanceof java.lang.Number number) {
                double left = number.doubleValue();
                return Double.isNaN(left) || Double.isNaN(value)
                        ? null
                        : Double.compare(left, value) == 0 ? 0 : left < value ? -1 : 1;
            }
            // A time compares with a number as epoch milliseconds.
            if (tag instanceof Instant time) {
                double millis = time.getEpochSecond() * 1000.0 + time.getNano() / 1_000_000.0;
                return millis < value ? -1 : millis > value ? 1 : 0;
            }
            return null;
        }
    }

    record Text(String value) implements Literal {
        @Override
        public String text() {
            return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }

        @Override
        public Integer compareTo(Object tag) {
            if (tag instanceof String text) {
                return Integer.signum(text.compareTo(value));
            }
            if (tag instanceof Instant time) {
                Instant instant = instant();
                return instant == null ? null : Integer.signum(time.compareTo(instant));
            }
            return null;
        }

        /** The instant the text names, for comparing with time tags; null when it is plain text. */
        public Instant instant() {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    record Flag(boolean value) implements Literal {
        @Override
        public String text() {
            return value ? "true" : "false";
        }

        /** Flags are equal or not; they have no order, so only {@code =} and {@code !=} hold for them. */
        @Override
        public Integer compareTo(Object tag) {
            return tag instanceof Boolean flag ? (flag == value ? 0 : 1) : null;
        }
    }
}
