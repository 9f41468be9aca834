package dev.cdp.segment;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cdp.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of every service (test-support's ArchitectureRules) that hold in this one; the
 * rule on repositories joins once segment definitions and memberships stop reading each other's tables.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.of("dev.cdp.segment");

    @Test
    void inboundAdaptersAreCalledByTheFrameworkOnly() {
        ArchitectureRules.inboundAdaptersAreCalledByTheFrameworkOnly().check(CLASSES);
    }
}
