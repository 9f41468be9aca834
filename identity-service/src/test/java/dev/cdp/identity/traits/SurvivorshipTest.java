package dev.cdp.identity.traits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which statement of a trait a profile shows. */
class SurvivorshipTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private final Survivorship rules = new Survivorship(List.of("crm", "pos", "ecommerce", "app", "web"));

    @Test
    void aMoreTrustedChannelWinsWhateverTheOrderAndTheLatestWinsWithinOne() throws Exception {
        ObjectNode traits = JSON.createObjectNode();
        ObjectNode sources = JSON.createObjectNode();
        assertTrue(rules.apply(traits, sources, "name", json("\"Ada L.\""), "crm", T0));
        assertFalse(
                rules.apply(traits, sources, "name", json("\"ada99\""), "web", T0.plusSeconds(60)),
                "the website does not overrule the CRM");
        assertTrue(rules.apply(traits, sources, "name", json("\"Ada Lovelace\""), "crm", T0.plusSeconds(120)));
        assertFalse(
                rules.apply(traits, sources, "name", json("\"Ada\""), "crm", T0.plusSeconds(30)),
                "an older CRM value arriving late loses");
        assertEquals("Ada Lovelace", traits.get("name").asText());
        assertTrue(
                rules.apply(traits, sources, "city", json("\"Hangzhou\""), "partner", T0),
                "an unlisted channel still fills a gap");
        assertFalse(rules.apply(traits, sources, "city", json("\"Beijing\""), "partner", T0.minusSeconds(1)));
        assertTrue(
                rules.apply(traits, sources, "city", json("\"Shanghai\""), "web", T0.minusSeconds(10)),
                "any listed channel outranks an unlisted one");
    }

    @Test
    void listsAreMergedKeepingEachElementOnce() throws Exception {
        ObjectNode traits = JSON.createObjectNode();
        ObjectNode sources = JSON.createObjectNode();
        rules.apply(traits, sources, "interests", json("[\"running\", \"tea\"]"), "web", T0);
        rules.apply(traits, sources, "interests", json("[\"tea\", \"books\"]"), "crm", T0.minusSeconds(5));
        assertEquals(json("[\"running\", \"tea\", \"books\"]"), traits.get("interests"));
    }

    @Test
    void foldingTheHistoryGivesWhatApplyingItInTimeOrderGives() throws Exception {
        List<TraitObservation> history = new ArrayList<>();
        history.add(observation(2, "name", "\"Bob\"", "pos", T0.plusSeconds(10)));
        history.add(observation(1, "name", "\"Robert\"", "crm", T0));
        history.add(observation(3, "tier", "\"gold\"", "web", T0.plusSeconds(20)));
        ObjectNode[] folded = rules.fold(history, text -> {
            try {
                return JSON.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals("Robert", folded[0].get("name").asText());
        assertEquals("gold", folded[0].get("tier").asText());
        assertEquals("crm", folded[1].get("name").get("c").asText());
    }

    private static TraitObservation observation(long id, String trait, String value, String channel, Instant at) {
        TraitObservation observation = new TraitObservation();
        observation.id = id;
        observation.trait = trait;
        observation.value = value;
        observation.channel = channel;
        observation.observedAt = at;
        return observation;
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
