package dev.cdp.identity.ingest;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** A messageId already accepted: a replay of it is acknowledged but not processed again. */
@Entity
@Table(name = "ingested_message", indexes = @Index(name = "ingested_message_one_id", columnList = "one_id"))
public class IngestedMessage extends PanacheEntityBase {

    @Id
    @Column(name = "message_id", length = 200)
    public String messageId;

    @Column(name = "one_id", nullable = false, length = 36)
    public String oneId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
