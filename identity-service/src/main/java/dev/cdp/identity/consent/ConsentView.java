package dev.cdp.identity.consent;

import java.time.Instant;

/** A consent decision as readers see it; status is "granted" or "denied". */
public record ConsentView(String purpose, String channel, String status, String source, String evidence, Instant at) {

    public static final String GRANTED = "granted";
    public static final String DENIED = "denied";

    public static ConsentView of(ConsentRecord record) {
        return new ConsentView(
                record.purpose,
                record.channel,
                record.granted ? GRANTED : DENIED,
                record.source,
                record.evidence,
                record.at);
    }
}
