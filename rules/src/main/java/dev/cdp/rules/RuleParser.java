package dev.cdp.rules;

import dev.cdp.rules.Token.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of the rule grammar:
 *
 * <pre>
 * expr      := and (OR and)*
 * and       := unary (AND unary)*
 * unary     := NOT unary | '(' expr ')' | IN SEGMENT string | behaviour | predicate
 * predicate := TAG op literal | TAG [NOT] IN '(' literal (',' literal)* ')' | TAG BETWEEN literal AND literal
 *            | TAG CONTAINS string | TAG IS [NOT] SET | TAG WITHIN span | TAG BEFORE span AGO
 * behaviour := DID string [WHERE expr] [AT (LEAST | MOST) integer TIMES | WITH SUM '(' FIELD ')' op number]
 *              IN integer DAYS
 *            | DID NOT string [WHERE expr] IN integer DAYS
 *            | DID string [WHERE expr] THEN NOT string [WHERE expr] WITHIN span
 * span      := integer (DAY | DAYS | HOUR | HOURS)
 * </pre>
 *
 * The behaviour words (DID, WHERE, AT, LEAST, MOST, TIMES, WITH, SUM, THEN) are keywords only there.
 */
final class RuleParser {

    private static final Pattern TAG = Pattern.compile("[a-z_][a-z0-9_]*(\\.[A-Za-z0-9_]+)*");
    /** Bounds recursion so a hostile rule gets an error, not a StackOverflowError on the request thread. */
    private static final int MAX_DEPTH = 64;
    /** Longer lists of values belong in a tag (a list upload), as {@link Rule#MAX_LENGTH} says of long rules. */
    static final int MAX_LIST = 1000;

    private final List<Token> tokens;
    private int next;
    private int depth;

    private RuleParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Condition parse(String text) {
        RuleParser parser = new RuleParser(RuleLexer.tokenize(text));
        Condition condition = parser.expression();
        Token rest = parser.peek();
        if (rest.kind() == Kind.RIGHT_PAREN) {
            throw new RuleSyntaxException("unbalanced parenthesis", rest.position());
        }
        if (rest.kind() != Kind.END) {
            throw new RuleSyntaxException("expected AND, OR or the end of the rule", rest.position());
        }
        return condition;
    }

    private Condition expression() {
        List<Condition> parts = new ArrayList<>();
        parts.add(and());
        while (peek().is(Keywords.OR)) {
            next++;
            parts.add(and());
        }
        return Condition.any(parts);
    }

    private Condition and() {
        List<Condition> parts = new ArrayList<>();
        parts.add(unary());
        while (peek().is(Keywords.AND)) {
            next++;
            parts.add(unary());
        }
        return Condition.all(parts);
    }

    private Condition unary() {
        Token token = peek();
        if (++depth > MAX_DEPTH) {
            throw new RuleSyntaxException("nested deeper than " + MAX_DEPTH + " levels", token.position());
        }
        Condition condition;
        if (token.is(Keywords.NOT)) {
            next++;
            condition = new Condition.Not(unary());
        } else if (token.kind() == Kind.LEFT_PAREN) {
            next++;
            condition = expression();
            Token close = advance();
            if (close.kind() == Kind.END) {
                throw new RuleSyntaxException("unbalanced parenthesis", token.position());
            }
            if (close.kind() != Kind.RIGHT_PAREN) {
                throw new RuleSyntaxException("expected AND, OR or ')'", close.position());
            }
        } else if (token.is(Keywords.IN)) {
            next++;
            expect(Keywords.SEGMENT, "expected SEGMENT after IN, as in IN SEGMENT 'vip'");
            condition = new Condition.InSegment(text("expected the segment's name or id in quotes after IN SEGMENT"));
        } else if (token.is(Keywords.DID)
                && (tokens.get(next + 1).kind() == Kind.STRING
                        || tokens.get(next + 1).is(Keywords.NOT))) {
            next++;
            condition = behaviour();
        } else {
            condition = predicate();
        }
        depth--;
        return condition;
    }

    private Condition predicate() {
        Token tag = advance();
        if (tag.kind() != Kind.WORD || tag.isKeyword()) {
            throw new RuleSyntaxException("expected a condition", tag.position());
        }
        if (!TAG.matcher(tag.raw()).matches()) {
            throw new RuleSyntaxException(
                    "invalid tag name '" + tag.raw() + "'",
                    tag.position(),
                    "names are lowercase letters, digits and _, with .key for a nested value");
        }
        String name = tag.raw();
        Token operator = advance();
        if (operator.kind() == Kind.OPERATOR) {
            return new Condition.Compare(
                    name, Operator.bySymbol(operator.raw()), literal("after '" + operator.raw() + "'"));
        }
        if (operator.is(Keywords.IS)) {
            boolean set = !peek().is(Keywords.NOT);
            if (!set) {
                next++;
            }
            expect(Keywords.SET, "expected SET or NOT SET after IS");
            return new Condition.Presence(name, set);
        }
        if (operator.is(Keywords.NOT)) {
            expect(Keywords.IN, "expected IN after NOT, as in " + name + " NOT IN ('a', 'b')");
            return new Condition.InList(name, list(), true);
        }
        if (operator.is(Keywords.IN)) {
            return new Condition.InList(name, list(), false);
        }
        if (operator.is(Keywords.BETWEEN)) {
            Literal low = literal("after BETWEEN");
            expect(Keywords.AND, "expected AND between the two ends, as in " + name + " BETWEEN 1 AND 5");
            return new Condition.Between(name, low, literal("after AND"));
        }
        if (operator.is(Keywords.CONTAINS)) {
            return new Condition.Contains(name, text("expected text in quotes after CONTAINS"));
        }
        if (operator.is(Keywords.WITHIN)) {
            return new Condition.Within(name, span());
        }
        if (operator.is(Keywords.BEFORE)) {
            Duration ago = span();
            expect(Keywords.AGO, "expected AGO after the span, as in " + name + " BEFORE 90 DAYS AGO");
            return new Condition.Before(name, ago);
        }
        throw new RuleSyntaxException(
                "expected an operator, IN, BETWEEN, CONTAINS, WITHIN, BEFORE or IS after '" + name + "'",
                operator.position());
    }

    /** After DID: what the profile did, counted, summed or followed by nothing. */
    private Behaviour behaviour() {
        boolean not = peek().is(Keywords.NOT);
        if (not) {
            next++;
        }
        String event = eventName();
        Condition where = filter();
        if (peek().is(Keywords.THEN)) {
            Token then = advance();
            if (not) {
                throw new RuleSyntaxException("DID NOT takes no THEN", then.position());
            }
            expect(
                    Keywords.NOT,
                    "expected NOT after THEN: a sequence is DID \"Cart Added\" THEN NOT \"Order Completed\""
                            + " WITHIN 2 HOURS");
            String followedBy = eventName();
            Condition thenWhere = filter();
            expect(Keywords.WITHIN, "expected WITHIN and a span after the second event, as in WITHIN 2 HOURS");
            return new Behaviour.ThenNot(event, where, followedBy, thenWhere, span());
        }
        Operator operator = not ? Operator.EQ : Operator.GE;
        double amount = not ? 0 : 1;
        String sumOf = null;
        Token quantity = peek();
        if ((quantity.is(Keywords.AT) || quantity.is(Keywords.WITH)) && not) {
            throw new RuleSyntaxException("DID NOT takes no AT LEAST, AT MOST or WITH SUM", quantity.position());
        }
        if (quantity.is(Keywords.AT)) {
            next++;
            Token bound = advance();
            if (!bound.is(Keywords.LEAST) && !bound.is(Keywords.MOST)) {
                throw new RuleSyntaxException("expected LEAST or MOST after AT", bound.position());
            }
            operator = bound.is(Keywords.LEAST) ? Operator.GE : Operator.LE;
            Token count = peek();
            amount = whole("expected a whole number of times, as in AT LEAST 3 TIMES");
            if (operator == Operator.GE && amount < 1) {
                throw new RuleSyntaxException("AT LEAST counts from 1; for none write DID NOT", count.position());
            }
            Token times = advance();
            if (!times.is(Keywords.TIMES) && !times.is(Keywords.TIME)) {
                throw new RuleSyntaxException("expected TIMES after " + count.raw(), times.position());
            }
        } else if (quantity.is(Keywords.WITH)) {
            next++;
            expect(Keywords.SUM, "expected SUM after WITH, as in WITH SUM(properties.revenue) >= 500");
            if (advance().kind() != Kind.LEFT_PAREN) {
                throw new RuleSyntaxException(
                        "expected '(' after SUM", tokens.get(next - 1).position());
            }
            Token property = advance();
            if (property.kind() != Kind.WORD
                    || !property.raw().startsWith("properties.")
                    || !Behaviour.EVENT_FIELD.matcher(property.raw()).matches()) {
                throw new RuleSyntaxException(
                        "expected the property summed, as in SUM(properties.revenue)", property.position());
            }
            sumOf = property.raw();
            if (advance().kind() != Kind.RIGHT_PAREN) {
                throw new RuleSyntaxException(
                        "expected ')' after " + sumOf, tokens.get(next - 1).position());
            }
            Token compare = advance();
            if (compare.kind() != Kind.OPERATOR) {
                throw new RuleSyntaxException("expected a comparison after SUM(" + sumOf + ")", compare.position());
            }
            operator = Operator.bySymbol(compare.raw());
            Token value = advance();
            if (value.kind() != Kind.NUMBER) {
                throw new RuleSyntaxException("expected a number after " + compare.raw(), value.position());
            }
            amount = Double.parseDouble(value.raw());
        }
        Token in = advance();
        if (!in.is(Keywords.IN)) {
            throw new RuleSyntaxException(
                    "expected IN and a window of days, as in DID \"" + event + "\" IN 7 DAYS", in.position());
        }
        Token days = peek();
        double window = whole("expected a whole number of days, as in IN 7 DAYS");
        Token unit = advance();
        if (!unit.is(Keywords.DAYS) && !unit.is(Keywords.DAY)) {
            throw new RuleSyntaxException("expected DAYS after " + days.raw(), unit.position());
        }
        Behaviour.Did did = new Behaviour.Did(event, where, sumOf, operator, amount, (int) Math.min(window, 1e6));
        String problem = did.problem();
        if (problem != null) {
            throw new RuleSyntaxException(problem, days.position());
        }
        return did;
    }

    private String eventName() {
        Token name = peek();
        String event = text("expected the event's name in quotes, as in DID \"Order Completed\" IN 7 DAYS");
        if (event.isBlank()) {
            throw new RuleSyntaxException("the event's name is empty", name.position());
        }
        return event;
    }

    /** {@code WHERE properties.category = 'skincare'}: a condition on the event's own fields, or null. */
    private Condition filter() {
        if (!peek().is(Keywords.WHERE)) {
            return null;
        }
        next++;
        Token start = peek();
        Condition where = expression();
        String problem = Behaviour.filterProblem(where);
        if (problem != null) {
            throw new RuleSyntaxException(problem, start.position());
        }
        return where;
    }

    private double whole(String expected) {
        Token number = advance();
        if (number.kind() != Kind.NUMBER
                || number.raw().contains(".")
                || number.raw().startsWith("-")) {
            throw new RuleSyntaxException(expected, number.position());
        }
        return number.raw().length() > 9 ? 1e9 : Double.parseDouble(number.raw());
    }

    /** {@code ('a', 'b')}: one or more literals of one type. */
    private List<Literal> list() {
        Token open = advance();
        if (open.kind() != Kind.LEFT_PAREN) {
            throw new RuleSyntaxException("expected '(' and a list of values, as in IN ('a', 'b')", open.position());
        }
        List<Literal> literals = new ArrayList<>();
        while (true) {
            Token at = peek();
            Literal literal = literal(literals.isEmpty() ? "in the list" : "after ','");
            if (!literals.isEmpty() && literal.getClass() != literals.get(0).getClass()) {
                throw new RuleSyntaxException(
                        "the list mixes kinds of values; write all numbers, all text or all true/false", at.position());
            }
            if (literals.size() == MAX_LIST) {
                throw new RuleSyntaxException(
                        "the list holds more than " + MAX_LIST + " values",
                        at.position(),
                        "to target a list of people or values, upload it as a tag and test the tag");
            }
            literals.add(literal);
            if (peek().kind() != Kind.COMMA) {
                break;
            }
            next++;
        }
        Token close = advance();
        if (close.kind() != Kind.RIGHT_PAREN) {
            throw new RuleSyntaxException("expected ',' or ')' in the list", close.position());
        }
        return List.copyOf(literals);
    }

    /** {@code 30 DAYS}, {@code 2 HOURS}: a whole, positive number of days or hours. */
    private Duration span() {
        Token amount = advance();
        if (amount.kind() != Kind.NUMBER
                || amount.raw().contains(".")
                || amount.raw().startsWith("-")) {
            throw new RuleSyntaxException("expected a whole number of days or hours, as in 30 DAYS", amount.position());
        }
        // Six digits are more days than any span allows; more would overflow the duration.
        long count = amount.raw().length() > 6 ? Long.MAX_VALUE / 3_600_000_000_000L : Long.parseLong(amount.raw());
        Token unit = advance();
        Duration span;
        if (unit.is(Keywords.DAY) || unit.is(Keywords.DAYS)) {
            span = Duration.ofDays(count);
        } else if (unit.is(Keywords.HOUR) || unit.is(Keywords.HOURS)) {
            span = Duration.ofHours(count);
        } else {
            throw new RuleSyntaxException("expected DAYS or HOURS after " + amount.raw(), unit.position());
        }
        if (span.isZero() || span.compareTo(Spans.MAX) > 0) {
            throw new RuleSyntaxException(
                    "the span " + amount.raw() + " " + unit.raw() + " is not from 1 hour to " + Spans.MAX.toDays()
                            + " days",
                    amount.position());
        }
        return span;
    }

    private Literal literal(String where) {
        Token value = advance();
        Literal literal = switch (value.kind()) {
            case NUMBER -> new Literal.Number(Double.parseDouble(value.raw()));
            case STRING -> new Literal.Text(value.value());
            case WORD ->
                value.is(Keywords.TRUE)
                        ? new Literal.Flag(true)
                        : value.is(Keywords.FALSE) ? new Literal.Flag(false) : null;
            default -> null;
        };
        if (literal == null) {
            throw new RuleSyntaxException(
                    "expected a value " + where,
                    value.position(),
                    value.kind() == Kind.WORD && !value.isKeyword() ? "text values are quoted, e.g. 'app'" : null);
        }
        return literal;
    }

    private String text(String expected) {
        Token value = advance();
        if (value.kind() != Kind.STRING) {
            throw new RuleSyntaxException(expected, value.position());
        }
        return value.value();
    }

    private void expect(String keyword, String expected) {
        Token token = advance();
        if (!token.is(keyword)) {
            throw new RuleSyntaxException(expected, token.position());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    /** The next token; stays on END once there, so callers can report the position of a missing piece. */
    private Token advance() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }
}
