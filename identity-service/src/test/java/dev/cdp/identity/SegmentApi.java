package dev.cdp.identity;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Calls to the Segment tracking API as Segment's SDKs make them: the write key as HTTP Basic user, empty password. */
public final class SegmentApi {

    /** The demo source's write key, seeded at start (cdp.identity.demo-write-key). */
    public static final String DEMO_WRITE_KEY = "demo-write-key";

    private SegmentApi() {}

    public static RequestSpecification given() {
        return RestAssured.given().auth().preemptive().basic(DEMO_WRITE_KEY, "").contentType(ContentType.JSON);
    }

    /** The Authorization header an SDK sends for {@code writeKey}. */
    public static String authorization(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }
}
