package dev.cdp.identity.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The erased identifiers' hashes are kept for the suppression window and no longer. */
@QuarkusTest
class ErasedIdentifierPurgeTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    Suppression suppression;

    @ConfigProperty(name = "cdp.identity.suppression-window")
    Duration window;

    @Test
    void hashesPastTheWindowAreDeletedAndThoseWithinItKept() {
        Instant now = Instant.now();
        String expired = "expired-" + UUID.randomUUID();
        String current = "current-" + UUID.randomUUID();
        remember(expired, now.minus(window).minus(1, ChronoUnit.HOURS));
        remember(current, now.minus(window).plus(1, ChronoUnit.HOURS));

        assertTrue(suppression.purge(now).await().atMost(WAIT) >= 1);

        assertEquals(List.of(current), stored(expired, current));
    }

    private void remember(String hash, Instant erasedAt) {
        pool.preparedQuery("insert into erased_identifier (key_hash, erased_at, request_id) values ($1, $2, $3)")
                .execute(Tuple.of(
                        hash,
                        erasedAt.atOffset(ZoneOffset.UTC),
                        UUID.randomUUID().toString()))
                .await()
                .atMost(WAIT);
    }

    private List<String> stored(String... hashes) {
        List<String> found = new ArrayList<>();
        for (Row row : pool.preparedQuery(
                        "select key_hash from erased_identifier where key_hash = any($1) order by key_hash")
                .execute(Tuple.of(hashes))
                .await()
                .atMost(WAIT)) {
            found.add(row.getString(0));
        }
        return found;
    }
}
