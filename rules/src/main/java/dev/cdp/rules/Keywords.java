package dev.cdp.rules;

import java.util.Set;

/** Reserved words; matched in any letter case, so no tag can be named like one. */
final class Keywords {

    static final String AND = "AND";
    static final String OR = "OR";
    static final String NOT = "NOT";
    static final String IS = "IS";
    static final String SET = "SET";
    static final String TRUE = "TRUE";
    static final String FALSE = "FALSE";

    static final Set<String> ALL = Set.of(AND, OR, NOT, IS, SET, TRUE, FALSE);

    private Keywords() {}
}
