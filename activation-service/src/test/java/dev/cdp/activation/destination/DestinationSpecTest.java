package dev.cdp.activation.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cdp.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class DestinationSpecTest {

    @Test
    void acceptsAbsoluteHttpAndHttpsUrls() {
        assertEquals(
                "https://crm.example.com/hooks/cdp?x=1",
                DestinationSpec.of("crm", "WEBHOOK", "https://crm.example.com/hooks/cdp?x=1")
                        .url());
        assertEquals(
                "http://127.0.0.1:8080/hook",
                DestinationSpec.of("local", "WEBHOOK", "http://127.0.0.1:8080/hook")
                        .url());
    }

    @Test
    void refusesAnythingElseNamingTheUrl() {
        for (String url :
                new String[] {"ftp://x", "/relative/path", "http://", "https://exa mple.com", "mailto:a@b.c"}) {
            InvalidInputException refused =
                    assertThrows(InvalidInputException.class, () -> DestinationSpec.of("hook", "WEBHOOK", url));
            assertEquals("url: \"" + url + "\" is not an http(s) URL", refused.getMessage());
        }
        assertEquals(
                "url: is required",
                assertThrows(InvalidInputException.class, () -> DestinationSpec.of("hook", "WEBHOOK", " "))
                        .getMessage());
    }
}
