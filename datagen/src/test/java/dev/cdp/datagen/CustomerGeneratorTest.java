package dev.cdp.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerGeneratorTest {

    private static final Instant END = Instant.parse("2026-11-28T00:00:00Z");

    @Test
    void theSameSeedGivesTheSamePeopleAndMessageIds() {
        CustomerGenerator one = new CustomerGenerator(7);
        CustomerGenerator two = new CustomerGenerator(7);
        for (int i = 0; i < 20; i++) {
            assertEquals(one.person(i), two.person(i));
            assertEquals(one.events(one.person(i), END), two.events(two.person(i), END));
        }
        assertNotEquals(new CustomerGenerator(8).person(0), one.person(0));
    }

    @Test
    void everyEventIsSegmentSpecShapedWithAUniqueMessageIdAndTimeOrder() {
        CustomerGenerator generator = new CustomerGenerator(42);
        Set<String> messageIds = new HashSet<>();
        for (Person person : generator.persons(200)) {
            List<ObjectNode> events = generator.events(person, END);
            Instant previous = Instant.MIN;
            for (ObjectNode event : events) {
                assertTrue(List.of("identify", "track", "page")
                        .contains(event.get("type").asText()));
                assertTrue(messageIds.add(event.get("messageId").asText()), "messageIds are unique");
                assertTrue(event.has("anonymousId") || event.has("userId"));
                if (event.get("type").asText().equals("track")) {
                    assertFalse(event.get("event").asText().isBlank());
                }
                Instant at = Instant.parse(event.get("timestamp").asText());
                assertFalse(at.isBefore(previous), "a person's events are in time order");
                assertFalse(at.isAfter(END));
                previous = at;
            }
        }
    }

    @Test
    void aboutAThirdOfPeopleUseTwoChannelsAndEachVisitSharesAnIdentifierWithTheFirst() {
        CustomerGenerator generator = new CustomerGenerator(42);
        List<Person> persons = generator.persons(1000);
        long multi = persons.stream().filter(Person::multiChannel).count();
        assertTrue(multi > 250 && multi < 450, "multi-channel share: " + multi);
        for (Person person : persons.stream().filter(Person::multiChannel).toList()) {
            Set<String> first = new HashSet<>();
            Set<String> later = new HashSet<>();
            for (ObjectNode event : generator.events(person, END)) {
                if (!event.get("type").asText().equals("identify")) {
                    continue;
                }
                Set<String> target = event.get("anonymousId")
                                .asText()
                                .equals(person.visits().get(0).anonymousId())
                        ? first
                        : later;
                event.get("traits")
                        .fields()
                        .forEachRemaining(
                                f -> target.add(f.getKey() + "=" + f.getValue().asText()));
            }
            later.retainAll(first);
            assertFalse(later.isEmpty(), "the second channel shares email or phone with the first");
        }
    }
}
