package dev.cdp.tag.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalogue as marketers browse it: category, then sub-category, then tags, in definition order. */
public record CatalogueTree(List<Category> categories) {

    public record Category(String name, List<Subcategory> subcategories) {}

    public record Subcategory(String name, List<TagDefinition> tags) {}

    public static CatalogueTree of(List<TagDefinition> tags, boolean includeRetired) {
        Map<String, Map<String, List<TagDefinition>>> tree = new LinkedHashMap<>();
        for (TagDefinition tag : tags) {
            if (includeRetired || tag.status() != TagDefinition.Status.RETIRED) {
                String subcategory = tag.subcategory() == null ? "" : tag.subcategory();
                tree.computeIfAbsent(tag.category(), c -> new LinkedHashMap<>())
                        .computeIfAbsent(subcategory, s -> new ArrayList<>())
                        .add(tag);
            }
        }
        List<Category> categories = new ArrayList<>();
        tree.forEach((category, subcategories) -> {
            List<Subcategory> children = new ArrayList<>();
            subcategories.forEach((name, members) -> children.add(new Subcategory(name, members)));
            categories.add(new Category(category, children));
        });
        return new CatalogueTree(categories);
    }
}
