package dev.cdp.identity.profile;

import dev.cdp.identity.IdentityConfig;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.identifiertype.Normalisation;
import dev.cdp.identity.merge.MergeView;
import dev.cdp.identity.resolution.RefusedLinkView;
import dev.cdp.platform.security.PiiMask;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Profiles as callers without PII rights see them (README "Roles"): email and phone identifiers
 * and traits masked, names as initials, other personal traits hidden. OneIDs, identifier types,
 * other identifiers (pseudonymous ids), consents and merges' structure stay readable.
 */
@ApplicationScoped
public class PiiMasking {

    private static final Set<String> NAMES = Set.of("name", "first_name", "last_name", "full_name");

    private final IdentifierTypeService types;
    private final Set<String> piiTraits;

    public PiiMasking(IdentifierTypeService types, IdentityConfig config) {
        this.types = types;
        this.piiTraits = Set.copyOf(config.piiTraits());
    }

    public ProfileView mask(ProfileView view) {
        IdentifierTypes known = types.current();
        Map<String, Object> traits = new LinkedHashMap<>();
        view.traits().forEach((name, value) -> traits.put(name, trait(known, name, value)));
        List<MergeView> merges = view.merges().stream()
                .map(merge -> new MergeView(
                        merge.survivorOneId(),
                        merge.absorbedOneId(),
                        merge.causeMessageId(),
                        merge.channel(),
                        merge.source(),
                        identifiers(known, merge.identifiers()),
                        merge.at()))
                .toList();
        return new ProfileView(
                view.oneId(),
                view.ordinal(),
                identifiers(known, view.identifiers()),
                traits,
                view.createdAt(),
                view.updatedAt(),
                view.absorbedOneIds(),
                merges,
                view.consents());
    }

    public RefusedLinkView mask(RefusedLinkView link) {
        int colon = link.identifier().indexOf(':');
        String identifier = colon < 0
                ? PiiMask.hidden()
                : link.identifier().substring(0, colon + 1)
                        + identifier(
                                types.current(),
                                link.identifier().substring(0, colon),
                                link.identifier().substring(colon + 1));
        return new RefusedLinkView(
                link.profileOneId(), identifier, link.ownerOneId(), link.reason(), link.cause(), link.at());
    }

    /** Identifiers as callers without PII rights see them: email and phone masked, the others as they are. */
    public List<IdentifierValue> mask(List<IdentifierValue> identifiers) {
        return identifiers(types.current(), identifiers);
    }

    /** Whether a trait's values are personal data that callers without PII rights see masked. */
    public boolean isPii(String trait) {
        return piiTraits.contains(trait) || contactType(types.current(), trait) != null;
    }

    /** A trait's value, masked as its kind is. */
    public Object trait(String trait, Object value) {
        return trait(types.current(), trait, value);
    }

    private Object trait(IdentifierTypes known, String trait, Object value) {
        if (!(value instanceof String text)) {
            return value == null || !isPii(trait) ? value : PiiMask.hidden();
        }
        Normalisation contact = contactType(known, trait);
        if (contact == Normalisation.EMAIL) {
            return PiiMask.email(text);
        }
        if (contact == Normalisation.PHONE) {
            return PiiMask.phone(text);
        }
        if (NAMES.contains(trait)) {
            return PiiMask.name(text);
        }
        return piiTraits.contains(trait) ? PiiMask.hidden() : value;
    }

    private List<IdentifierValue> identifiers(IdentifierTypes known, List<IdentifierValue> identifiers) {
        return identifiers.stream()
                .map(id -> new IdentifierValue(id.type(), identifier(known, id.type(), id.value())))
                .toList();
    }

    private static String identifier(IdentifierTypes known, String type, String value) {
        Normalisation contact = contactType(known, type);
        if (contact == Normalisation.EMAIL) {
            return PiiMask.email(value);
        }
        return contact == Normalisation.PHONE ? PiiMask.phone(value) : value;
    }

    /** EMAIL or PHONE when the name is an identifier type normalised as one, else null. */
    private static Normalisation contactType(IdentifierTypes known, String name) {
        if (!known.isKnown(name)) {
            return null;
        }
        Normalisation normalisation = known.get(name).normalisation();
        return normalisation == Normalisation.EMAIL || normalisation == Normalisation.PHONE ? normalisation : null;
    }
}
