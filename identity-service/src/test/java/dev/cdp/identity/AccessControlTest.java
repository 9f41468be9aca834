package dev.cdp.identity;

import dev.cdp.testing.AccessControlContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
class AccessControlTest extends AccessControlContract {

    /** The Segment API and CSV imports authenticate their sender by the source's write key. */
    @Override
    protected Set<String> publicOperations() {
        return Set.of("POST /v1/{type}", "POST /v1/batch", "POST /v1/imports");
    }

    /** The access export's peers, served by the test itself (privacy/PeerServices). */
    @Override
    protected Set<String> standIns() {
        return Set.of("cdp.v1.TagService", "cdp.v1.SegmentService", "cdp.v1.ActivationService");
    }

    @Override
    protected Set<String> publicMethods() {
        return Set.of("cdp.v1.IngestService/Ingest");
    }
}
