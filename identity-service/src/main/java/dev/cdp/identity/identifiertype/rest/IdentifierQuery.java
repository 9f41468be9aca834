package dev.cdp.identity.identifiertype.rest;

import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

/** Reads the {@code ?type=&value=} query that names a person by one of their identifiers. */
@ApplicationScoped
public class IdentifierQuery {

    private final IdentifierTypeService types;

    public IdentifierQuery(IdentifierTypeService types) {
        this.types = types;
    }

    /** The normalised identifier; a 400 naming the parameter when it is missing or not valid for its type. */
    public IdentifierValue parse(String type, String value) {
        if (type == null || value == null) {
            throw new BadRequestException(
                    "query parameters type and value are required, e.g. ?type=email&value=ada@example.com");
        }
        try {
            return types.current().value(type, value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(type + ": " + e.getMessage());
        }
    }
}
