package dev.cdp.activation.destination;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where a campaign's messages go. */
@Entity
@Table(name = "destination")
public class Destination extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(nullable = false, length = DestinationSpec.MAX_NAME_LENGTH)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public DestinationType type;

    @Column(nullable = false, length = DestinationSpec.MAX_URL_LENGTH)
    public String url;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
