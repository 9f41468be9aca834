package dev.cdp.identity.profile;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The identifier types the walking skeleton resolves on, in priority order: the first one present
 * in an event names a new profile's OneID.
 */
public enum IdentifierType {
    USER_ID("user_id", 1),
    EMAIL("email", 5),
    PHONE("phone", 5),
    ANONYMOUS_ID("anonymous_id", 100);

    public static final List<IdentifierType> BY_PRIORITY = List.of(values());

    private static final Pattern EMAIL_SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE_SHAPE = Pattern.compile("^\\+?[0-9 ()\\-.]{5,24}$");
    /** Region of phone numbers written without a country code (cdp.identity.default-phone-region). */
    private static final String DEFAULT_REGION = ConfigProvider.getConfig()
            .getOptionalValue("cdp.identity.default-phone-region", String.class).orElse("CN");
    /** Values SDKs and forms send when they have no real id; linking on them would merge strangers. */
    private static final Set<String> PLACEHOLDERS = Set.of("null", "undefined", "none", "nil", "nan", "unknown",
            "anonymous", "guest", "test", "0", "-1", "test@test.com", "test@example.com", "noreply@example.com");
    private static final Pattern ALL_ZERO = Pattern.compile("^[0\\-]+$");

    private final String wireName;
    private final int perProfileLimit;

    IdentifierType(String wireName, int perProfileLimit) {
        this.wireName = wireName;
        this.perProfileLimit = perProfileLimit;
    }

    /** How many identifiers of this type one profile may hold; a link beyond it is refused. */
    public int perProfileLimit() {
        return perProfileLimit;
    }

    /** +8613800138000 for "138 0013 8000" (default region CN) or "+86 138-0013-8000". */
    private static String e164(String value, String raw) {
        if (!PHONE_SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a phone number");
        }
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        try {
            Phonenumber.PhoneNumber number = phones.parse(value, DEFAULT_REGION);
            if (!phones.isValidNumber(number)) {
                throw new IllegalArgumentException("\"" + raw + "\" is not a valid phone number in "
                        + (value.startsWith("+") ? "its country" : DEFAULT_REGION + " (write +<country code> for others)"));
            }
            return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a phone number: " + e.getMessage());
        }
    }

    /** A placeholder such as "undefined" or an all-zero device id: never an identifier. */
    public static boolean isPlaceholder(String normalised) {
        return PLACEHOLDERS.contains(normalised.toLowerCase(Locale.ROOT)) || ALL_ZERO.matcher(normalised).matches();
    }

    public String wireName() {
        return wireName;
    }

    public static IdentifierType fromWireName(String name) {
        for (IdentifierType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown identifier type \"" + name + "\"; known: user_id, email, phone, anonymous_id");
    }

    /**
     * The canonical form of a value of this type, so the same person typed twice is one identifier.
     *
     * @throws IllegalArgumentException saying why the value is not acceptable
     */
    public String normalise(String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        return switch (this) {
            case EMAIL -> {
                String email = value.toLowerCase(Locale.ROOT);
                if (!EMAIL_SHAPE.matcher(email).matches()) {
                    throw new IllegalArgumentException("\"" + raw + "\" is not an email address");
                }
                yield email;
            }
            case PHONE -> e164(value, raw);
            default -> value;
        };
    }
}
