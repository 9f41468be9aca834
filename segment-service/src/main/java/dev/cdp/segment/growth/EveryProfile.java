package dev.cdp.segment.growth;

import dev.cdp.segment.profile.ProfileTable;
import dev.cdp.segment.profile.TagSnapshot;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/** Every profile's current tags as segment-service holds them, a page at a time in OneID order. */
@ApplicationScoped
public class EveryProfile {

    static final int PAGE = 1000;

    private final ProfileTable profiles;

    public EveryProfile(ProfileTable profiles) {
        this.profiles = profiles;
    }

    public Multi<TagSnapshot> stream() {
        return Multi.createBy()
                .repeating()
                .uni(
                        () -> new AtomicReference<>(""),
                        after -> profiles.page(after.get(), PAGE).invoke(page -> {
                            if (!page.isEmpty()) {
                                after.set(page.get(page.size() - 1).oneId());
                            }
                        }))
                .whilst(page -> page.size() == PAGE)
                .onItem()
                .disjoint();
    }
}
