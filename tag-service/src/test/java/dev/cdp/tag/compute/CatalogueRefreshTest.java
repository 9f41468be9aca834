package dev.cdp.tag.compute;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.tag.catalogue.CatalogueService;
import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.catalogue.TagDefinition.Kind;
import dev.cdp.tag.catalogue.TagDefinition.Refresh;
import dev.cdp.tag.catalogue.TagDefinition.TagType;
import dev.cdp.tag.catalogue.TagDefinition.ValueType;
import dev.cdp.testing.RestAssuredSignIn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scheduled refresh against the real catalogue in PostgreSQL. */
@QuarkusTest
class CatalogueRefreshTest {

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @Inject
    Engines engines;

    @Inject
    CatalogueService catalogue;

    @Test
    void anUnchangedCatalogueIsNotCompiledAgainAndAChangeByAnotherInstanceIsFollowed() throws Throwable {
        VertxContextSupport.subscribeAndAwait(engines::refresh);
        TagEngine compiled = engines.current();
        VertxContextSupport.subscribeAndAwait(engines::refresh);
        assertSame(compiled, engines.current(), "nothing changed: the compiled engine stays");

        // Written straight to the catalogue, as another instance would: this one learns of it only by refreshing.
        String code = "refresh_probe_" + UUID.randomUUID().toString().substring(0, 8);
        VertxContextSupport.subscribeAndAwait(() -> catalogue.define(new TagDefinition(
                code,
                "刷新探针",
                "自定义标签",
                "运营",
                TagType.BASIC,
                ValueType.BOOL,
                List.of(),
                Kind.CUSTOM,
                null,
                List.of(),
                null,
                "ops",
                "",
                null,
                Refresh.REALTIME,
                0)));
        VertxContextSupport.subscribeAndAwait(engines::refresh);
        assertNotSame(compiled, engines.current());
        assertTrue(engines.current().active().containsKey(code), "the new tag is served after the refresh");
    }
}
