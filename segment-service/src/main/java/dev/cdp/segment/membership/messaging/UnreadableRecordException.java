package dev.cdp.segment.membership.messaging;

/** A record that can never be processed; it goes to the dead-letter topic with this message as the reason. */
public class UnreadableRecordException extends IllegalArgumentException {

    public UnreadableRecordException(String message) {
        super(message);
    }
}
