package dev.cdp.platform.security;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A text column holding personal data: sealed as it is written, opened as it is read ({@link PiiVault}). */
@Converter
public class SealedText implements AttributeConverter<String, String> {

    @Override
    public String convertToDatabaseColumn(String plain) {
        return PiiVault.seal(plain);
    }

    @Override
    public String convertToEntityAttribute(String sealed) {
        return PiiVault.open(sealed);
    }
}
