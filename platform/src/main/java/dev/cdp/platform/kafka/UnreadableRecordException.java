package dev.cdp.platform.kafka;

/** A Kafka record that is not what its topic carries; it belongs on the dead-letter topic. */
public class UnreadableRecordException extends IllegalArgumentException {

    public UnreadableRecordException(String message) {
        super(message);
    }
}
