package dev.cdp.segment;

import dev.cdp.testing.AccessControlContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
class AccessControlTest extends AccessControlContract {

    /** Exports' identity-service, served by the test itself (export/IdentityPeer). */
    @Override
    protected Set<String> standIns() {
        return Set.of("cdp.v1.IdentityService");
    }
}
