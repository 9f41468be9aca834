package dev.cdp.tag;

import dev.cdp.testing.AccessControlContract;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;

@QuarkusTest
class AccessControlTest extends AccessControlContract {

    /** tag-service serves gRPC on a server of its own. */
    @Override
    protected int grpcPort() {
        return ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    }
}
