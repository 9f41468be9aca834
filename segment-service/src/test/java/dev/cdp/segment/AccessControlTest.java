package dev.cdp.segment;

import dev.cdp.testing.AccessControlContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
class AccessControlTest extends AccessControlContract {

    /** tag-service's ScanTags, served by the test itself (asof/PeerTags). */
    @Override
    protected Set<String> standIns() {
        return Set.of("cdp.v1.TagService");
    }
}
