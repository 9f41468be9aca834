package dev.cdp.rules;

import java.util.function.Consumer;

/** Walks a condition tree. */
public final class Conditions {

    private Conditions() {}

    /** Calls {@code visitor} on {@code condition} and every node under it, parents first. */
    public static void visit(Condition condition, Consumer<Condition> visitor) {
        visitor.accept(condition);
        if (condition instanceof Condition.AllOf all) {
            all.parts().forEach(part -> visit(part, visitor));
        } else if (condition instanceof Condition.AnyOf any) {
            any.parts().forEach(part -> visit(part, visitor));
        } else if (condition instanceof Condition.Not not) {
            visit(not.inner(), visitor);
        }
    }
}
