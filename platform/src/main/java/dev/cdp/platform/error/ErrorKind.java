package dev.cdp.platform.error;

import io.grpc.Status;

/** What kind of refusal an {@link ApiException} is, and how REST and gRPC each say it. */
public enum ErrorKind {
    INVALID(400, Status.Code.INVALID_ARGUMENT),
    UNAUTHENTICATED(401, Status.Code.UNAUTHENTICATED),
    NOT_FOUND(404, Status.Code.NOT_FOUND),
    CONFLICT(409, Status.Code.ALREADY_EXISTS),
    TOO_LARGE(413, Status.Code.RESOURCE_EXHAUSTED),
    /** A store or a service did not answer: the same request is worth sending again. */
    UNAVAILABLE(503, Status.Code.UNAVAILABLE);

    private final int httpStatus;
    private final Status.Code grpcCode;

    ErrorKind(int httpStatus, Status.Code grpcCode) {
        this.httpStatus = httpStatus;
        this.grpcCode = grpcCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Status grpcStatus() {
        return Status.fromCode(grpcCode);
    }
}
