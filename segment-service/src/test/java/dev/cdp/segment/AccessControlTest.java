package dev.cdp.segment;

import dev.cdp.testing.AccessControlContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccessControlTest extends AccessControlContract {}
