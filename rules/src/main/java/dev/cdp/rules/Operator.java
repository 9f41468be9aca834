package dev.cdp.rules;

/** The comparison operators of the rule language. */
enum Operator {
    EQ("="),
    NE("!="),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator written as {@code symbol}, or null when there is none. */
    static Operator bySymbol(String symbol) {
        for (Operator operator : values()) {
            if (operator.symbol.equals(symbol)) {
                return operator;
            }
        }
        return null;
    }

    boolean isEquality() {
        return this == EQ || this == NE;
    }

    /** Whether the operator holds for two values that compare as {@code comparison} (negative, zero, positive). */
    boolean holds(int comparison) {
        return switch (this) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
        };
    }

    /** Numeric comparison where NaN satisfies nothing, not even {@code !=}, as in IEEE 754. */
    boolean holds(double left, double right) {
        if (Double.isNaN(left) || Double.isNaN(right)) {
            return false;
        }
        return holds(left < right ? -1 : left > right ? 1 : 0);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
