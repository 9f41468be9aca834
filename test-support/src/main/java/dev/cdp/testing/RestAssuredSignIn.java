package dev.cdp.testing;

import io.restassured.RestAssured;
import io.restassured.authentication.NoAuthScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.regex.Pattern;

/** rest-assured calls of {@code @QuarkusTest}s signed in with a test token. */
public final class RestAssuredSignIn {

    private static final Pattern WRITE_KEY_PATHS =
            Pattern.compile("/v1/(identify|track|page|screen|group|alias|batch|imports)");
    private static final Filter EVERY_ROLE = new Filter() {
        private final String bearer = "Bearer " + TestTokens.everyRole();

        @Override
        public Response filter(
                FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext next) {
            boolean ownCredentials = request.getHeaders().hasHeaderWithName("Authorization")
                    || !(request.getAuthenticationScheme() instanceof NoAuthScheme);
            boolean writeKeyCall = "POST".equals(request.getMethod())
                    && WRITE_KEY_PATHS
                            .matcher(URI.create(request.getURI()).getPath())
                            .matches();
            if (!ownCredentials && !writeKeyCall) {
                request.header("Authorization", bearer);
            }
            return next.next(request, response);
        }
    };

    private RestAssuredSignIn() {}

    /**
     * From now on rest-assured calls that bring no credentials of their own carry a token with
     * every role (for tests of other behaviour than access control). Calls to the Segment API and
     * CSV imports are left as they are: senders authenticate there by write key, never by token.
     */
    public static void withEveryRole() {
        if (!RestAssured.filters().contains(EVERY_ROLE)) {
            RestAssured.filters(EVERY_ROLE);
        }
    }
}
