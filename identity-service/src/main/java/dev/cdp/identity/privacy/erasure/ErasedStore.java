package dev.cdp.identity.privacy.erasure;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One store of one service that finished an erasure. The first confirmation wins: the key is
 * request/service/store and a replay inserts nothing. No foreign key to the request, so a
 * confirmation that overtakes the request's commit is kept all the same.
 */
@Entity
@Table(name = "erased_store", indexes = @Index(name = "erased_store_request", columnList = "request_id"))
public class ErasedStore extends PanacheEntityBase {

    @Id
    @Column(name = "store_key", length = 200)
    public String key;

    @Column(name = "request_id", nullable = false, length = 36)
    public String requestId;

    @Column(nullable = false, length = 64)
    public String service;

    @Column(nullable = false, length = 64)
    public String store;

    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;
}
