package dev.cdp.identity;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.cdp.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of every service (test-support's ArchitectureRules) that hold in this one; the
 * rule on repositories joins once consent, erasure and profiles stop sharing tables' repositories.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.of("dev.cdp.identity");

    @Test
    void inboundAdaptersAreCalledByTheFrameworkOnly() {
        ArchitectureRules.inboundAdaptersAreCalledByTheFrameworkOnly().check(CLASSES);
    }
}
