package dev.cdp.platform.security;

import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;

/** The roles an endpoint declares, for answers that say which role a caller lacks. */
final class RequiredRoles {

    private RequiredRoles() {}

    static List<String> of(Method method) {
        RolesAllowed declared = method.getAnnotation(RolesAllowed.class);
        if (declared == null) {
            declared = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        return declared == null ? List.of() : List.of(declared.value());
    }

    static String needed(List<String> roles, String what) {
        if (roles.isEmpty()) {
            return "your token's roles may not call " + what;
        }
        return what + " needs " + (roles.size() == 1 ? "the role " : "one of the roles ") + String.join(", ", roles)
                + "; your token has none of them";
    }

    static final String NO_TOKEN = "no bearer token: sign in with the platform's OIDC issuer and send "
            + "\"Authorization: Bearer <access token>\" (locally: bin/cdp token <role>)";

    static final String NOT_ACCEPTED =
            "the bearer token was not accepted: expired, malformed or not signed by the " + "configured OIDC issuer";
}
