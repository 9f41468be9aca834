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
    static final String IN = "IN";
    static final String BETWEEN = "BETWEEN";
    static final String CONTAINS = "CONTAINS";
    static final String WITHIN = "WITHIN";
    static final String BEFORE = "BEFORE";
    static final String AGO = "AGO";
    static final String SEGMENT = "SEGMENT";
    static final String DAYS = "DAYS";
    static final String DAY = "DAY";
    static final String HOURS = "HOURS";
    static final String HOUR = "HOUR";

    // Behaviour words: keywords only where a behaviour is read (after DID "…"), so a tag may
    // still be named sum or times.
    static final String DID = "DID";
    static final String WHERE = "WHERE";
    static final String AT = "AT";
    static final String LEAST = "LEAST";
    static final String MOST = "MOST";
    static final String TIMES = "TIMES";
    static final String TIME = "TIME";
    static final String WITH = "WITH";
    static final String SUM = "SUM";
    static final String THEN = "THEN";

    static final Set<String> ALL = Set.of(
            AND, OR, NOT, IS, SET, TRUE, FALSE, IN, BETWEEN, CONTAINS, WITHIN, BEFORE, AGO, SEGMENT, DAYS, DAY, HOURS,
            HOUR);

    private Keywords() {}
}
