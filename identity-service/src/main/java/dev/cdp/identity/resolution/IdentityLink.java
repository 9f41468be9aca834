package dev.cdp.identity.resolution;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * An edge of the identity graph: two identifiers seen together, first by the event named in
 * {@code cause}. Keys are stored in order ({@code aKey < bKey}), so each pair is one row. A profile
 * is the connected component of its identifiers; an unmerge removes edges and splits it along them.
 */
@Entity
@Table(name = "identity_link", indexes = @Index(name = "identity_link_b", columnList = "b_key"))
@IdClass(IdentityLink.Pair.class)
public class IdentityLink extends PanacheEntityBase {

    @Id
    @Column(name = "a_key", length = 600)
    public String aKey;

    @Id
    @Column(name = "b_key", length = 600)
    public String bKey;

    @Column(nullable = false, length = 200)
    public String cause;

    @Column(length = 64)
    public String channel;

    @Column(nullable = false)
    public Instant at;

    public record Pair(String aKey, String bKey) implements Serializable {
        public Pair() {
            this(null, null);
        }
    }
}
