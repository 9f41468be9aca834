package dev.cdp.rules;

import dev.cdp.rules.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits rule text into tokens; the list always ends with an END token at the text's length. */
final class RuleLexer {

    private static final String OPERATOR_CHARS = "=!<>";

    private final String text;
    private int pos;

    private RuleLexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new RuleLexer(text).tokens();
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                tokens.add(new Token(Kind.END, "", "", pos));
                return tokens;
            }
            tokens.add(next(text.charAt(pos)));
        }
    }

    private Token next(char c) {
        int start = pos;
        if (c == ',') {
            pos++;
            return new Token(Kind.COMMA, ",", ",", start);
        }
        if (c == '(' || c == ')') {
            pos++;
            String raw = String.valueOf(c);
            return new Token(c == '(' ? Kind.LEFT_PAREN : Kind.RIGHT_PAREN, raw, raw, start);
        }
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (isDigit(c) || (c == '-' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (isWordStart(c)) {
            while (pos < text.length() && isWordPart(text.charAt(pos))) {
                pos++;
            }
            String raw = text.substring(start, pos);
            return new Token(Kind.WORD, raw, raw, start);
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            while (pos < text.length() && OPERATOR_CHARS.indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String raw = text.substring(start, pos);
            if (Operator.bySymbol(raw) == null) {
                throw new RuleSyntaxException("unknown operator '" + raw + "'", start);
            }
            return new Token(Kind.OPERATOR, raw, raw, start);
        }
        throw new RuleSyntaxException("unexpected character '" + c + "'", start);
    }

    /** A quoted string; a backslash takes the next character literally, so quotes can be escaped. */
    private Token string(char quote) {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return new Token(Kind.STRING, text.substring(start, pos), value.toString(), start);
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw new RuleSyntaxException("unterminated string", start, "close it with " + quote);
    }

    /** An integer or decimal, optionally negative: {@code -?[0-9]+(\.[0-9]+)?}. */
    private Token number() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        skipDigits();
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
            pos++;
            skipDigits();
        }
        if (pos < text.length() && (isWordPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
            while (pos < text.length() && (isWordPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            throw new RuleSyntaxException("invalid number '" + text.substring(start, pos) + "'", start);
        }
        String raw = text.substring(start, pos);
        return new Token(Kind.NUMBER, raw, raw, start);
    }

    private void skipDigits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** Dots name nested values: {@code properties.category}, {@code browse_category_30d.shoes}. */
    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '.';
    }
}
