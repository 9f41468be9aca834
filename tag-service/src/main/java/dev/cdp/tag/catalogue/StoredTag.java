package dev.cdp.tag.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * One version of one tag definition; the catalogue is the latest version of each code. Versions
 * are never changed, so what a tag meant on any day stays readable.
 */
@Entity
@Table(name = "tag_definition")
@IdClass(StoredTag.Key.class)
public class StoredTag extends PanacheEntityBase {

    @Id
    public String code;

    @Id
    public int version;

    /** The whole {@link TagDefinition} as JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String definition;

    @Column(nullable = false)
    public Instant createdAt;

    public record Key(String code, int version) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
