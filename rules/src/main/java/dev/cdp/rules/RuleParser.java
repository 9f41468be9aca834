package dev.cdp.rules;

import dev.cdp.rules.Comparison.Literal;
import dev.cdp.rules.Token.Kind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of the rule grammar:
 *
 * <pre>
 * expr       := and (OR and)*
 * and        := unary (AND unary)*
 * unary      := NOT unary | '(' expr ')' | comparison
 * comparison := TAG op literal | TAG IS SET | TAG IS NOT SET
 * </pre>
 */
final class RuleParser {

    private static final Pattern TAG = Pattern.compile("[a-z_][a-z0-9_]*(\\.[A-Za-z0-9_]+)*");
    /** Bounds recursion so a hostile rule gets an error, not a StackOverflowError on the request thread. */
    private static final int MAX_DEPTH = 64;

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
        return parts.size() == 1 ? parts.get(0) : new Condition.AnyOf(List.copyOf(parts));
    }

    private Condition and() {
        List<Condition> parts = new ArrayList<>();
        parts.add(unary());
        while (peek().is(Keywords.AND)) {
            next++;
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.AllOf(List.copyOf(parts));
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
        } else {
            condition = comparison();
        }
        depth--;
        return condition;
    }

    private Condition comparison() {
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
        Token operator = advance();
        if (operator.kind() == Kind.OPERATOR) {
            Token value = advance();
            Literal literal = literal(value);
            if (literal == null) {
                throw new RuleSyntaxException(
                        "expected a value after '" + operator.raw() + "'",
                        value.position(),
                        value.kind() == Kind.WORD && !value.isKeyword() ? "text values are quoted, e.g. 'app'" : null);
            }
            return new Comparison(tag.raw(), Operator.bySymbol(operator.raw()), literal);
        }
        if (operator.is(Keywords.IS)) {
            Token word = advance();
            boolean set = true;
            if (word.is(Keywords.NOT)) {
                set = false;
                word = advance();
            }
            if (!word.is(Keywords.SET)) {
                throw new RuleSyntaxException("expected SET or NOT SET after IS", word.position());
            }
            return new Condition.Presence(tag.raw(), set);
        }
        throw new RuleSyntaxException("expected an operator or IS after '" + tag.raw() + "'", operator.position());
    }

    private static Literal literal(Token token) {
        return switch (token.kind()) {
            case NUMBER -> Literal.number(Double.parseDouble(token.raw()));
            case STRING -> Literal.text(token.value(), instant(token.value()));
            case WORD ->
                token.is(Keywords.TRUE) ? Literal.flag(true) : token.is(Keywords.FALSE) ? Literal.flag(false) : null;
            default -> null;
        };
    }

    /** The instant a string literal names, for comparing with time tags; null when it is plain text. */
    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
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
