package dev.cdp.identity.identifiertype;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a value of an identifier type is made canonical, so the same person typed twice is one
 * identifier. Each kind also rejects values that cannot be of its shape.
 */
public enum Normalisation {
    /** Trimmed, lower-cased, must look like an address. */
    EMAIL("email"),
    /** E.164 with libphonenumber; numbers without +country are read in the default region. */
    PHONE("phone"),
    /** Trimmed and lower-cased: ids whose case carries no meaning (device ids). */
    LOWER_TRIM("lower_trim"),
    /** Trimmed: ids whose case matters (user ids, card numbers). */
    TRIM("trim"),
    /** Trimmed, "app id:id": ids only unique within one app, such as WeChat openids. */
    APP_SCOPED("app_scoped");

    private static final Pattern EMAIL_SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE_SHAPE = Pattern.compile("^\\+?[0-9 ()\\-.]{5,24}$");
    private static final Pattern APP_SCOPED_SHAPE = Pattern.compile("^[^:\\s]+:[^:\\s]+$");

    /**
     * Numbers already normalised, by region and text: libphonenumber's parse and validation are
     * the costliest step of reading an event, and a person's number comes back with most of theirs.
     * Bounded by clearing when full, so a stream of distinct numbers costs no more than no memo.
     */
    private static final Map<String, String> E164 = new ConcurrentHashMap<>();

    private static final int E164_MEMO_SIZE = 20_000;

    private final String wireName;

    Normalisation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Normalisation fromWireName(String name) {
        for (Normalisation kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a normalisation; known: " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(Normalisation::wireName).collect(Collectors.joining(", "));
    }

    /**
     * @param phoneRegion region of phone numbers written without a country code (ISO 3166)
     * @throws IllegalArgumentException saying why the value is not acceptable
     */
    public String normalise(String raw, String phoneRegion) {
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
            case PHONE -> e164(value, raw, phoneRegion);
            case LOWER_TRIM -> value.toLowerCase(Locale.ROOT);
            case TRIM -> value;
            case APP_SCOPED -> {
                if (!APP_SCOPED_SHAPE.matcher(value).matches()) {
                    throw new IllegalArgumentException("\"" + raw + "\" is not an app-scoped id; write it as"
                            + " \"<app id>:<id>\", e.g. \"wx8f1a2b3c4d5e6f70:oABC123\"");
                }
                yield value;
            }
        };
    }

    /** +8613800138000 for "138 0013 8000" (default region CN) or "+86 138-0013-8000". */
    private static String e164(String value, String raw, String region) {
        String key = region + ' ' + value;
        String known = E164.get(key);
        if (known != null) {
            return known;
        }
        String normalised = parsePhone(value, raw, region);
        if (E164.size() >= E164_MEMO_SIZE) {
            E164.clear();
        }
        E164.put(key, normalised);
        return normalised;
    }

    private static String parsePhone(String value, String raw, String region) {
        if (!PHONE_SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a phone number");
        }
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        try {
            Phonenumber.PhoneNumber number = phones.parse(value, region);
            if (!phones.isValidNumber(number)) {
                throw new IllegalArgumentException("\"" + raw + "\" is not a valid phone number in "
                        + (value.startsWith("+") ? "its country" : region + " (write +<country code> for others)"));
            }
            return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a phone number: " + e.getMessage());
        }
    }
}
