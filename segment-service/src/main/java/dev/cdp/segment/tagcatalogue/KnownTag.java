package dev.cdp.segment.tagcatalogue;

import java.util.List;

/**
 * A tag of tag-service's catalogue as segments need it: its type, for the conditions on it, and
 * whether it is retired. {@code valueType} is the catalogue's name: BOOL, NUMBER, STRING, ENUM,
 * TIMESTAMP or WEIGHTED_MAP; {@code enumValues} lists an ENUM tag's values.
 */
public record KnownTag(String code, String valueType, List<String> enumValues, boolean retired) {}
