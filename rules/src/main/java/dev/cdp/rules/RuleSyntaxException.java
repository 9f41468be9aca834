package dev.cdp.rules;

/** A rule that does not compile; the message says what was expected and where (0-based character position). */
public class RuleSyntaxException extends IllegalArgumentException {

    private final int position;

    RuleSyntaxException(String problem, int position) {
        this(problem, position, null);
    }

    RuleSyntaxException(String problem, int position, String hint) {
        super(problem + " at position " + position + (hint == null ? "" : " (" + hint + ")"));
        this.position = position;
    }

    public int position() {
        return position;
    }
}
