package dev.cdp.identity.identifiertype;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The identifier types in force, immutable: what the parser, the resolver and {@code LinkPlan}
 * read. A change to the configuration replaces the whole registry, so one event is always
 * resolved under one consistent set of rules.
 */
public final class IdentifierTypes {

    /** All-zero ids (00000000-0000-…) are what devices report when tracking is limited. */
    private static final Pattern ALL_ZERO = Pattern.compile("^[0\\-]+$");

    private final Map<String, IdentifierType> byName;
    private final List<IdentifierType> byPriority;
    private final Set<String> globalBlocked;
    private final String phoneRegion;

    /**
     * @param types the types, any order
     * @param globalBlocked placeholder values blocked for every type
     * @param phoneRegion region of phone numbers written without a country code
     */
    public IdentifierTypes(Collection<IdentifierType> types, Collection<String> globalBlocked, String phoneRegion) {
        Map<String, IdentifierType> ordered = new LinkedHashMap<>();
        types.stream()
                .sorted(Comparator.comparingInt(IdentifierType::priority).thenComparing(IdentifierType::name))
                .forEach(type -> ordered.put(type.name(), type));
        this.byName = ordered;
        this.byPriority = List.copyOf(ordered.values());
        this.globalBlocked = globalBlocked.stream()
                .map(v -> v.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.phoneRegion = phoneRegion;
    }

    /** Highest priority first. */
    public List<IdentifierType> byPriority() {
        return byPriority;
    }

    public boolean isKnown(String name) {
        return byName.containsKey(name);
    }

    /** @throws IllegalArgumentException naming the known types when {@code name} is not one */
    public IdentifierType get(String name) {
        IdentifierType type = byName.get(name);
        if (type == null) {
            throw new IllegalArgumentException(unknownTypeMessage(name));
        }
        return type;
    }

    public String unknownTypeMessage(String name) {
        return "\"" + name + "\" is not a known identifier type; known: " + String.join(", ", byName.keySet());
    }

    /**
     * The canonical identifier for a raw value of a type.
     *
     * @throws IllegalArgumentException saying why the type or value is not acceptable
     */
    public IdentifierValue value(String type, String raw) {
        return new IdentifierValue(type, get(type).normalisation().normalise(raw, phoneRegion));
    }

    /** A placeholder such as "undefined" or an all-zero device id: never an identifier. */
    public boolean isBlocked(IdentifierValue identifier) {
        String lowered = identifier.value().toLowerCase(Locale.ROOT);
        return globalBlocked.contains(lowered)
                || ALL_ZERO.matcher(lowered).matches()
                || get(identifier.type()).blockedValues().contains(lowered);
    }

    public Comparator<IdentifierValue> priorityOrder() {
        return Comparator.comparingInt(id -> get(id.type()).priority());
    }

    public int limitOf(String type) {
        return get(type).perProfileLimit();
    }
}
