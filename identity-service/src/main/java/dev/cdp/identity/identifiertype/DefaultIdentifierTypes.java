package dev.cdp.identity.identifiertype;

import java.util.List;
import java.util.Set;

/**
 * The identifier types seeded into an empty {@code identifier_type} table, highest priority
 * first. A type already in the table is left as the operator set it.
 */
public final class DefaultIdentifierTypes {

    public static final List<IdentifierType> ALL = List.of(
            new IdentifierType("user_id", 10, 1, Normalisation.TRIM, Set.of()),
            new IdentifierType(
                    "email",
                    20,
                    5,
                    Normalisation.EMAIL,
                    Set.of("test@test.com", "test@example.com", "noreply@example.com")),
            new IdentifierType("phone", 30, 5, Normalisation.PHONE, Set.of()),
            new IdentifierType("crm_id", 40, 1, Normalisation.TRIM, Set.of()),
            new IdentifierType("member_card", 50, 2, Normalisation.TRIM, Set.of()),
            new IdentifierType("pos_customer_id", 60, 2, Normalisation.TRIM, Set.of()),
            new IdentifierType("wechat_unionid", 70, 1, Normalisation.TRIM, Set.of()),
            // One openid per WeChat app the person uses: "appid:openid".
            new IdentifierType("wechat_openid", 80, 10, Normalisation.APP_SCOPED, Set.of()),
            // IDFA, OAID, Android id; all-zero ids (ad tracking limited) are blocked for every type.
            new IdentifierType("device_id", 90, 20, Normalisation.LOWER_TRIM, Set.of()),
            new IdentifierType("anonymous_id", 100, 100, Normalisation.TRIM, Set.of()));

    private DefaultIdentifierTypes() {}
}
