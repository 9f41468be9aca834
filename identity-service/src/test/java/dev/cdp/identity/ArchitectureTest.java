package dev.cdp.identity;

import dev.cdp.testing.ArchitectureContract;

/**
 * The layout rules of every service (test-support's ArchitectureRules) hold in this one. Features
 * reach another's tables through its service: the identity graph's through resolution's
 * {@code IdentityGraph}, consent's through {@code ConsentService}. Where a lower feature needs an
 * answer from the graph above it (consent: which profile a OneID stands for; identifier types: how
 * many identifiers of a type are stored), it declares an interface the graph implements, so the
 * dependency still points one way.
 */
class ArchitectureTest extends ArchitectureContract {

    ArchitectureTest() {
        super("dev.cdp.identity");
    }
}
