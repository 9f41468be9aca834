package dev.cdp.identity.resolution;

import dev.cdp.platform.security.PiiVault;
import dev.cdp.platform.security.SealedText;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnDefault;

/**
 * An identifier owned by one live profile. Its key (type and keyed hash of the value, see
 * {@link PiiVault#identifierKey}) is unique across all profiles; the value itself is sealed.
 */
@Entity
@Table(name = "profile_identifier", indexes = @Index(name = "profile_identifier_one_id", columnList = "one_id"))
public class ProfileIdentifier extends PanacheEntityBase {

    @Id
    @Column(name = "identifier_key", length = 600)
    public String key;

    @Column(nullable = false, length = 40)
    public String type;

    /** The normalised value, sealed; looked up by {@link #key}. */
    @Column(nullable = false, columnDefinition = "text")
    @Convert(converter = SealedText.class)
    public String value;

    @Column(name = "one_id", nullable = false, length = 36)
    public String oneId;

    /** The channel that first sent it. */
    @Column(length = 64)
    public String channel;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    /** Split off a profile as used by several people: it resolves to its own profile and links nothing. */
    @Column(nullable = false)
    @ColumnDefault("false")
    public boolean shared;
}
