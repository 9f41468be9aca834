package dev.cdp.identity.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.identity.identifiertype.IdentifierValue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The merge and split records of a person: the merges a profile read shows (resolution records
 * them as events merge profiles, operators' merges and unmerges too), deleted with the person on
 * erasure. Every method runs in the caller's session or transaction.
 */
@ApplicationScoped
public class Lineage {

    private static final TypeReference<List<IdentifierValue>> IDENTIFIERS = new TypeReference<>() {};

    private final ObjectMapper json;

    public Lineage(ObjectMapper json) {
        this.json = json;
    }

    /** The merges into any of the profiles, oldest first. */
    public Uni<List<MergeView>> mergesInto(List<String> survivors) {
        return MergeRecord.<MergeRecord>list("survivorOneId in ?1 order by at, id", survivors)
                .map(merges -> merges.stream().map(this::view).toList());
    }

    /** Deletes the merges the profiles took part in (an erasure). */
    public Uni<Long> eraseMerges(List<String> oneIds) {
        return MergeRecord.delete("survivorOneId in ?1 or absorbedOneId in ?1", oneIds);
    }

    /** Deletes the unmerges of the profiles, and those whose resulting parts name one of them (the parts list identifiers, sealed). */
    public Uni<Long> eraseSplits(List<String> oneIds) {
        Uni<Long> deleted = SplitRecord.delete("oneId in ?1", oneIds);
        for (String oneId : oneIds) {
            deleted = deleted.chain(count ->
                    SplitRecord.delete("partOneIds like ?1", "%" + oneId + "%").map(more -> count + more));
        }
        return deleted;
    }

    private MergeView view(MergeRecord merge) {
        try {
            return new MergeView(
                    merge.survivorOneId,
                    merge.absorbedOneId,
                    merge.causeMessageId,
                    merge.channel,
                    merge.source,
                    json.readValue(merge.identifiers, IDENTIFIERS),
                    merge.at);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "stored JSON is not " + IDENTIFIERS.getType().getTypeName(), e);
        }
    }
}
