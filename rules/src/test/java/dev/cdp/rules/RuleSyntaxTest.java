package dev.cdp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Rules that do not compile say what was expected and at which 0-based position. */
class RuleSyntaxTest {

    @Test
    void anUnknownOperatorIsNamed() {
        assertError("total_spend => 100", "unknown operator '=>' at position 12");
        assertError("a == 1", "unknown operator '==' at position 2");
    }

    @Test
    void aMissingValueIsReportedWhereItShouldBe() {
        assertError("order_count_3d >=", "expected a value after '>=' at position 17");
        assertError("a >= AND b = 1", "expected a value after '>=' at position 5");
        assertError(
                "last_channel = app", "expected a value after '=' at position 15 (text values are quoted, e.g. 'app')");
    }

    @Test
    void nulCharactersAndRulesLongerThanTheLimitAreRefused() {
        assertError("last_channel = 'a\0b'", "a NUL character (\\u0000) is not allowed at position 17");
        String huge = "order_count_30d = 1" + " OR order_count_30d = 1".repeat(500);
        assertError(
                huge,
                "the rule is " + huge.length() + " characters; the limit is 10000 at position 10000"
                        + " (to target a list of people or values, upload it as a tag and test the tag)");
    }

    @Test
    void parenthesesMustBalance() {
        assertError("(a = 1", "unbalanced parenthesis at position 0");
        assertError("a = 1 AND ((b = 1)", "unbalanced parenthesis at position 10");
        assertError("a = 1)", "unbalanced parenthesis at position 5");
        assertError("(a = 1 b = 2)", "expected AND, OR or ')' at position 7");
    }

    @Test
    void conditionsMustBeCompleteAndJoinedByAndOrOr() {
        assertError("", "expected a condition at position 0");
        assertError("a = 1 AND", "expected a condition at position 9");
        assertError("NOT", "expected a condition at position 3");
        assertError("()", "expected a condition at position 1");
        assertError("a = 1 b = 2", "expected AND, OR or the end of the rule at position 6");
        assertError(
                "spend 100",
                "expected an operator, IN, BETWEEN, CONTAINS, WITHIN, BEFORE or IS after 'spend' at position 6");
        assertError("spend IS 5", "expected SET or NOT SET after IS at position 9");
        assertError("spend IS NOT", "expected SET or NOT SET after IS at position 12");
    }

    @Test
    void tagsAreLowercaseIdentifiersAndNotKeywords() {
        assertError(
                "Total_Spend > 1",
                "invalid tag name 'Total_Spend' at position 0 (names are lowercase letters, digits and _, with .key for a nested value)");
        assertError("and = 1", "expected a condition at position 0");
    }

    @Test
    void literalsMustBeWellFormed() {
        assertError("name = 'ada", "unterminated string at position 7 (close it with ')");
        assertError("spend > 1.2.3", "invalid number '1.2.3' at position 8");
        assertError("spend > 12abc", "invalid number '12abc' at position 8");
        assertError("spend > 1 # comment", "unexpected character '#' at position 10");
    }

    @Test
    void nestingIsBounded() {
        assertError("(".repeat(100) + "a = 1" + ")".repeat(100), "nested deeper than 64 levels at position 64");
    }

    @Test
    void theExceptionCarriesThePosition() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> Rule.compile("total_spend => 100"));
        assertEquals(12, e.position());
    }

    private static void assertError(String rule, String message) {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> Rule.compile(rule), rule);
        assertEquals(message, e.getMessage(), rule);
    }
}
