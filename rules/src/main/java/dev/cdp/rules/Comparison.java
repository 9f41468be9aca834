package dev.cdp.rules;

import java.time.Instant;
import java.util.Map;

/**
 * {@code tag op literal}. The literal is typed once at compile time; a tag that is missing or whose
 * type does not compare with the literal makes the comparison false, whatever the operator.
 */
final class Comparison implements Condition {

    private final String tag;
    private final Operator operator;
    private final Literal literal;

    Comparison(String tag, Operator operator, Literal literal) {
        this.tag = tag;
        this.operator = operator;
        this.literal = literal;
    }

    String tag() {
        return tag;
    }

    @Override
    public boolean test(Map<String, ?> tags) {
        Object value = Condition.lookup(tags, tag);
        if (value instanceof Number number) {
            return literal.kind == Literal.Kind.NUMBER && operator.holds(number.doubleValue(), literal.number);
        }
        if (value instanceof String text) {
            return literal.kind == Literal.Kind.TEXT && operator.holds(text.compareTo(literal.text));
        }
        if (value instanceof Boolean flag) {
            return literal.kind == Literal.Kind.FLAG
                    && operator.isEquality()
                    && operator.holds(flag == literal.flag ? 0 : 1);
        }
        if (value instanceof Instant time) {
            return time(time);
        }
        return false;
    }

    /** A time compares with a number as epoch milliseconds, or with a string holding an ISO-8601 instant. */
    private boolean time(Instant time) {
        if (literal.kind == Literal.Kind.NUMBER) {
            return operator.holds(time.getEpochSecond() * 1000.0 + time.getNano() / 1_000_000.0, literal.number);
        }
        if (literal.kind == Literal.Kind.TEXT && literal.instant != null) {
            return operator.holds(time.compareTo(literal.instant));
        }
        return false;
    }

    /** A literal value; {@code instant} is set when a string literal reads as an ISO-8601 date-time. */
    static final class Literal {

        enum Kind {
            NUMBER,
            TEXT,
            FLAG
        }

        final Kind kind;
        final double number;
        final String text;
        final boolean flag;
        final Instant instant;

        private Literal(Kind kind, double number, String text, boolean flag, Instant instant) {
            this.kind = kind;
            this.number = number;
            this.text = text;
            this.flag = flag;
            this.instant = instant;
        }

        static Literal number(double number) {
            return new Literal(Kind.NUMBER, number, null, false, null);
        }

        static Literal text(String text, Instant instant) {
            return new Literal(Kind.TEXT, 0, text, false, instant);
        }

        static Literal flag(boolean flag) {
            return new Literal(Kind.FLAG, 0, null, flag, null);
        }
    }
}
