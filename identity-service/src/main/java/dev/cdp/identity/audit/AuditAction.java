package dev.cdp.identity.audit;

/** What the audit log records. */
public enum AuditAction {
    PROFILE_READ,
    TRAIT_HISTORY_READ,
    EXPORT,
    ERASURE,
    MERGE,
    UNMERGE,
    CONSENT_CHANGE,
    SOURCE_CREATE,
    SOURCE_CHANGE,
    SOURCE_KEY_ROTATE,
    IDENTIFIER_TYPE_CHANGE
}
