package dev.cdp.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PiiMaskTest {

    @Test
    void emailsKeepTheirFirstCharacterAndDomain() {
        assertEquals("a***@example.com", PiiMask.email("ada@example.com"));
        assertEquals("***", PiiMask.email("not-an-email"));
    }

    @Test
    void chinesePhonesShowTheirPrefixAndLastFourDigits() {
        assertEquals("+86 138****8000", PiiMask.phone("+8613800138000"));
        assertEquals("+141****2671", PiiMask.phone("+14155552671"));
        assertEquals("***", PiiMask.phone("12345"));
    }

    @Test
    void namesBecomeInitials() {
        assertEquals("A. L.", PiiMask.name("Ada Lovelace"));
        assertEquals("张*", PiiMask.name("张伟"));
        assertEquals("欧**", PiiMask.name("欧阳修"));
        assertEquals("A**", PiiMask.name("Ada"));
    }
}
