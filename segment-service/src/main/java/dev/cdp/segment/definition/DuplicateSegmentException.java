package dev.cdp.segment.definition;

/** Segment names are unique, so that people and activations can refer to segments by name. */
public class DuplicateSegmentException extends IllegalStateException {

    public DuplicateSegmentException(String name) {
        super("name: a segment named \"" + name + "\" already exists; choose another name or use the existing segment");
    }
}
