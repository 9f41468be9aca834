package dev.cdp.identity.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Iterator;
import java.util.Map;

/** JSON to protobuf Struct without a detour through text. */
final class Structs {

    private Structs() {
    }

    static Struct toStruct(JsonNode object) {
        Struct.Builder struct = Struct.newBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            struct.putFields(field.getKey(), toValue(field.getValue()));
        }
        return struct.build();
    }

    private static Value toValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> Value.newBuilder().setStructValue(toStruct(node)).build();
            case ARRAY -> {
                ListValue.Builder list = ListValue.newBuilder();
                node.forEach(element -> list.addValues(toValue(element)));
                yield Value.newBuilder().setListValue(list).build();
            }
            case NUMBER -> Value.newBuilder().setNumberValue(node.doubleValue()).build();
            case BOOLEAN -> Value.newBuilder().setBoolValue(node.booleanValue()).build();
            case STRING -> Value.newBuilder().setStringValue(node.textValue()).build();
            default -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        };
    }
}
