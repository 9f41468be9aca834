package dev.cdp.identity.resolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.identifiertype.DefaultIdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.traits.Survivorship;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A batch applied in memory: each event sees what the events before it in the batch did. */
class GraphViewTest {

    private static final IdentifierTypes TYPES = new IdentifierTypes(DefaultIdentifierTypes.ALL, List.of("null"), "CN");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GraphView.TraitJson TRAIT_JSON = new GraphView.TraitJson() {
        @Override
        public ObjectNode read(String stored) {
            try {
                return (ObjectNode) JSON.readTree(stored);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String write(JsonNode value) {
            return value.toString();
        }
    };

    private final GraphView view = new GraphView(
            TYPES,
            150,
            Set.of("anonymous_id", "device_id"),
            new Survivorship(List.of("crm", "web")),
            TRAIT_JSON,
            Instant.EPOCH);

    @Test
    void profilesCreatedEarlierInTheBatchAreFoundAndMergedByLaterEvents() {
        IdentifierValue tablet = TYPES.value("anonymous_id", "a-1");
        IdentifierValue phone = TYPES.value("anonymous_id", "a-2");
        IdentifierValue user = TYPES.value("user_id", "u-1");

        GraphView.Outcome first = view.apply(List.of(tablet), traits("{}"), List.of(), cause("m1", "web"));
        GraphView.Outcome second =
                view.apply(List.of(phone), traits("{\"name\": \"Ada\"}"), List.of(), cause("m2", "web"));
        GraphView.Outcome identify = view.apply(List.of(user, tablet), traits("{}"), List.of(), cause("m3", "web"));
        GraphView.Outcome link = view.apply(List.of(user, phone), traits("{}"), List.of(), cause("m4", "web"));

        assertTrue(first.created() && second.created());
        assertSame(first.profile(), identify.profile(), "the user joins the profile of the device they identified on");
        assertSame(first.profile(), link.profile(), "the older profile survives");
        assertEquals(List.of(second.profile()), link.absorbed());
        assertSame(first.profile(), second.profile().live());
        assertEquals(Map.of("anonymous_id", 2, "user_id", 1), first.profile().counts);
        assertEquals(1, view.merges.size());
        assertEquals("m4", view.merges.get(0).cause().messageId());
        assertTrue(first.profile().recompute(), "traits of a profile that absorbed another are recomputed");
        assertEquals(2, view.links.size(), "edges user-tablet and user-phone");
    }

    @Test
    void aLimitCountsIdentifiersLinkedEarlierInTheSameBatch() {
        IdentifierValue device = TYPES.value("anonymous_id", "shared");
        view.apply(List.of(TYPES.value("user_id", "u-1"), device), traits("{}"), List.of(), cause("m1", "web"));
        GraphView.Outcome other =
                view.apply(List.of(TYPES.value("user_id", "u-2"), device), traits("{}"), List.of(), cause("m2", "web"));

        assertTrue(other.created(), "a second user on the same device is another person");
        assertFalse(other.profile().recompute());
        assertEquals(1, view.refusals.size());
        assertEquals(device, view.refusals.get(0).identifier());
    }

    private static ObjectNode traits(String json) {
        return TRAIT_JSON.read(json);
    }

    private static LinkCause cause(String messageId, String channel) {
        return new LinkCause(messageId, channel, "test", Instant.parse("2026-11-28T10:00:00Z"));
    }
}
