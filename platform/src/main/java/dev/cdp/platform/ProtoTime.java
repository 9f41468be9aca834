package dev.cdp.platform;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Conversions between java.time and google.protobuf.Timestamp. */
public final class ProtoTime {

    private ProtoTime() {}

    public static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
