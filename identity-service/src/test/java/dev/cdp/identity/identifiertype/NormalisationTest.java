package dev.cdp.identity.identifiertype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NormalisationTest {

    @Test
    void aPhoneNumberIsOneIdentifierHoweverItIsWritten() {
        for (int pass = 0; pass < 2; pass++) {
            assertEquals("+8613800138000", Normalisation.PHONE.normalise("138 0013 8000", "CN"), "pass " + pass);
            assertEquals("+8613800138000", Normalisation.PHONE.normalise(" +86 138-0013-8000 ", "CN"), "pass " + pass);
            assertEquals("+8613800138000", Normalisation.PHONE.normalise("+86 138-0013-8000", "US"), "pass " + pass);
        }
    }

    @Test
    void theSameDigitsAreReadInTheRegionGiven() {
        assertEquals("+12025550123", Normalisation.PHONE.normalise("(202) 555-0123", "US"));
        String inChina = Normalisation.PHONE.normalise("(202) 555-0123", "CN");
        assertTrue(inChina.startsWith("+86"), inChina);
        assertEquals("+12025550123", Normalisation.PHONE.normalise("(202) 555-0123", "US"));
    }

    @Test
    void whatIsNoPhoneNumberIsRejectedEveryTime() {
        for (int pass = 0; pass < 2; pass++) {
            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> Normalisation.PHONE.normalise("12345", "CN"));
            assertEquals(
                    "\"12345\" is not a valid phone number in CN (write +<country code> for others)",
                    error.getMessage());
        }
    }
}
