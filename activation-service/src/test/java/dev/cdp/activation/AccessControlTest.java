package dev.cdp.activation;

import dev.cdp.testing.AccessControlContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccessControlTest extends AccessControlContract {}
