package dev.cdp.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 =
            "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void aSealedValueNamesItsKeyHidesTheTextAndOpensToIt() {
        FieldCipher cipher = FieldCipher.parse(K1);
        String sealed = cipher.seal("ada@example.com");

        assertTrue(sealed.startsWith("k1:"), sealed);
        assertFalse(new String(Base64.getDecoder().decode(sealed.substring(3))).contains("ada@example.com"));
        assertEquals("ada@example.com", cipher.open(sealed));
        assertNotEquals(sealed, cipher.seal("ada@example.com"), "each value gets its own nonce");
        assertEquals("张伟", cipher.open(cipher.seal("张伟")));
    }

    @Test
    void afterRotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
        String sealedBefore = FieldCipher.parse(K1).seal("+8613800138000");
        FieldCipher rotated = FieldCipher.parse(K2 + "," + K1);

        assertEquals("+8613800138000", rotated.open(sealedBefore));
        assertFalse(rotated.sealedWithActiveKey(sealedBefore));
        String resealed = rotated.seal(rotated.open(sealedBefore));
        assertTrue(rotated.sealedWithActiveKey(resealed));
        assertEquals("k2", rotated.activeKeyId());
    }

    @Test
    void aValueSealedWithARetiredKeyOrAlteredIsRefusedNotMisread() {
        String sealed = FieldCipher.parse(K1).seal("ada@example.com");
        IllegalStateException retired = assertThrows(
                IllegalStateException.class, () -> FieldCipher.parse(K2).open(sealed));
        assertTrue(retired.getMessage().contains("\"k1\""), retired.getMessage());

        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String altered = "k1:" + Base64.getEncoder().encodeToString(bytes);
        assertThrows(IllegalStateException.class, () -> FieldCipher.parse(K1).open(altered));
    }

    @Test
    void aMalformedRingSaysWhichEntryIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldCipher.parse("k1:c2hvcnQ="))
                .getMessage()
                .contains("needs 32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldCipher.parse("K 1:abc"))
                .getMessage()
                .contains("<id>:<base64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldCipher.parse(K1 + "," + K1))
                .getMessage()
                .contains("twice"));
    }
}
