package dev.cdp.identity.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Iterator;
import java.util.Map;

/** JSON to protobuf Struct and back without a detour through text. */
public final class Structs {

    /** Whole numbers up to 2^53 are exact in a double; ids sent as numbers stay whole numbers. */
    private static final double MAX_EXACT = 9_007_199_254_740_992d;

    private Structs() {}

    public static Struct toStruct(JsonNode object) {
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

    public static ObjectNode toJson(Struct struct) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        struct.getFieldsMap().forEach((name, value) -> object.set(name, toJson(value)));
        return object;
    }

    private static JsonNode toJson(Value value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (value.getKindCase()) {
            case STRUCT_VALUE -> toJson(value.getStructValue());
            case LIST_VALUE -> {
                ArrayNode list = nodes.arrayNode();
                value.getListValue().getValuesList().forEach(element -> list.add(toJson(element)));
                yield list;
            }
            case NUMBER_VALUE -> {
                double number = value.getNumberValue();
                yield number == Math.rint(number) && Math.abs(number) <= MAX_EXACT
                        ? nodes.numberNode((long) number)
                        : nodes.numberNode(number);
            }
            case BOOL_VALUE -> nodes.booleanNode(value.getBoolValue());
            case STRING_VALUE -> nodes.textNode(value.getStringValue());
            default -> nodes.nullNode();
        };
    }
}
