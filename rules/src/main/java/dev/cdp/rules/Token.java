package dev.cdp.rules;

import java.util.Locale;

/**
 * One lexical token of a rule. {@code raw} is the text as written (for messages), {@code value} the
 * unescaped content of a string literal and otherwise the same as {@code raw}.
 */
record Token(Kind kind, String raw, String value, int position) {

    enum Kind {
        WORD,
        NUMBER,
        STRING,
        OPERATOR,
        COMMA,
        LEFT_PAREN,
        RIGHT_PAREN,
        END
    }

    /** Whether this is the keyword, in any letter case. */
    boolean is(String keyword) {
        return kind == Kind.WORD && raw.equalsIgnoreCase(keyword);
    }

    boolean isKeyword() {
        return kind == Kind.WORD && Keywords.ALL.contains(raw.toUpperCase(Locale.ROOT));
    }
}
