package dev.cdp.platform.security;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.inject.Singleton;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The service's own identity on its gRPC calls to the other services (the access export, list
 * uploads): a bearer token with the {@code service} role and the service's name as subject,
 * issued by {@value #ISSUER}, signed with {@code cdp.auth.signing-key} and renewed before it
 * expires. The services verify such tokens by the {@code internal} OIDC tenant (the key's public
 * half, {@code CDP_SERVICE_PUBLIC_KEY}), next to the provider that issues users' tokens.
 */
@GlobalInterceptor
@Singleton
public class ServiceCredentials implements ClientInterceptor {

    /** The issuer of the services' own tokens, and the OIDC tenant that verifies them. */
    public static final String ISSUER = "cdp-internal";

    public static final String TENANT = "internal";

    private static final Logger LOG = Logger.getLogger(ServiceCredentials.class);
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private record Token(String value, long renewAtMillis) {}

    private final PrivateKey key;
    private final String subject;
    private final List<String> roles;
    private volatile Token token;

    public ServiceCredentials(
            @ConfigProperty(name = "cdp.auth.signing-key") Optional<String> signingKey,
            @ConfigProperty(name = "cdp.auth.service-roles", defaultValue = Roles.SERVICE) List<String> roles,
            @ConfigProperty(name = "quarkus.application.name") String subject) {
        this.key = signingKey
                .filter(pem -> !pem.isBlank())
                .map(AccessTokens::privateKey)
                .orElse(null);
        this.subject = subject;
        this.roles = List.copyOf(roles);
        if (key == null) {
            LOG.warn(
                    "cdp.auth.signing-key is not set: calls to the other services carry no service identity and will be refused");
        }
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                if (key != null && !headers.containsKey(GrpcBearerMechanism.AUTHORIZATION)) {
                    headers.put(GrpcBearerMechanism.AUTHORIZATION, "Bearer " + current());
                }
                super.start(listener, headers);
            }
        };
    }

    private String current() {
        Token held = token;
        if (held == null || System.currentTimeMillis() >= held.renewAtMillis()) {
            held = new Token(
                    AccessTokens.sign(key, ISSUER, subject, roles, LIFETIME),
                    System.currentTimeMillis() + LIFETIME.minus(RENEW_BEFORE).toMillis());
            token = held;
        }
        return held.value();
    }
}
