package dev.cdp.tag.store;

/**
 * A profile by OneID and ordinal, as a merged-away profile's redirect names the survivor: Redis
 * keeps it as {@code oneId:ordinal} ({@code cdp:tagmoved:{oneId}}); this record alone writes and
 * reads that text.
 */
public record ProfileRef(String oneId, int ordinal) {

    /** The text Redis keeps. */
    String key() {
        return oneId + ":" + ordinal;
    }

    /** Reads what {@link #key()} wrote; the OneID may hold colons, the ordinal does not. */
    static ProfileRef parse(String key) {
        int colon = key.lastIndexOf(':');
        return new ProfileRef(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)));
    }
}
