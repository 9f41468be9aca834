package dev.cdp.tag.catalogue;

import java.util.List;

/** The latest version of every tag, retired ones too, as this instance just loaded them. */
public record CatalogueLoaded(List<TagDefinition> tags) {}
