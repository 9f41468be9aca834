package dev.cdp.identity.imports.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ImportRepository implements PanacheRepositoryBase<ImportRecord, String> {}
