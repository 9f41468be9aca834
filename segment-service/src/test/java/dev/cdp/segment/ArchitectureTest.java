package dev.cdp.segment;

import dev.cdp.testing.ArchitectureContract;

/** The layout rules of every service (test-support's ArchitectureRules) hold in this one. */
class ArchitectureTest extends ArchitectureContract {

    ArchitectureTest() {
        super("dev.cdp.segment");
    }
}
