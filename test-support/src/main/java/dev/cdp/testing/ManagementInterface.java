package dev.cdp.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests to the service's management interface (health, metrics), which has a port of its own. */
public final class ManagementInterface {

    private ManagementInterface() {}

    public static RequestSpecification given() {
        return RestAssured.given()
                .port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }
}
