package dev.cdp.segment.definition;

/** No segment has the id asked for. */
public class UnknownSegmentException extends IllegalArgumentException {

    public UnknownSegmentException(String id) {
        super("no segment has id \"" + id + "\"; GET /v1/segments lists them");
    }
}
