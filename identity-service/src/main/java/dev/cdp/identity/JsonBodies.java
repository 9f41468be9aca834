package dev.cdp.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.BadRequestException;
import java.util.Iterator;
import java.util.Set;

/** Request bodies of the admin APIs, read so that a 400 says which field is wrong and how. */
public final class JsonBodies {

    private JsonBodies() {}

    /**
     * @param fields the fields the body may have
     * @param example a valid body, quoted in the error
     */
    public static ObjectNode object(ObjectMapper json, String body, Set<String> fields, String example) {
        JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("body must be a JSON object such as " + example);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!fields.contains(field)) {
                throw new BadRequestException("\"" + field + "\" is not a field here; send " + String.join(", ", fields)
                        + ", e.g. " + example);
            }
        }
        return (ObjectNode) node;
    }

    /** The field's string value, or null when absent. */
    public static String string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequestException(field + " must be a string, got " + value);
        }
        return value.textValue();
    }
}
