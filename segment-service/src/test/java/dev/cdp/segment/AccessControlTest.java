package dev.cdp.segment;

import dev.cdp.testing.AccessControlContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
class AccessControlTest extends AccessControlContract {

    /** Peers served by the test itself: exports' identity-service (export/IdentityPeer), tag-service (PeerTags). */
    @Override
    protected Set<String> standIns() {
        return Set.of("cdp.v1.IdentityService", "cdp.v1.TagService");
    }
}
