package io.camvault.gateway.protocol;

/**
 * Every failure the gateway reports, in one closed list. The code is stable (clients and tests
 * match on it), the status is the HTTP answer, and the message is safe to show anyone: it never
 * carries internal text. A call site may add a detail that it built itself (such as the name of a
 * metadata key). The one kind of exception text that reaches a client is the vault's refusal of a
 * request by its rules ({@code VaultException} of kind NOT_FOUND, CONFLICT, INVALID or FORBIDDEN,
 * whose messages the vault writes for the person who asked, such as "case 2025-0001 is closed");
 * the text of any other failure (I/O, integrity, a library's exception) is logged, never sent.
 */
public enum GatewayError {
    BAD_REQUEST(400, "bad_request", "the request is malformed"),
    INVALID_HEADER(400, "invalid_header", "a request header is missing or malformed"),
    INVALID_METADATA(400, "invalid_metadata", "Upload-Metadata is missing or malformed"),
    UNSUPPORTED_CHECKSUM(400, "unsupported_checksum_algorithm", "checksum algorithm not supported"),
    DESCRIPTION_REQUIRED(400, "description_required",
            "linking footage to a case requires a written description (description.text)"),
    TLS_REQUIRED(400, "tls_required", "this port speaks HTTPS only: use an https:// URL"),
    INVALID_CONCAT(400, "invalid_concat", "Upload-Concat is malformed or names unusable uploads"),
    UNAUTHENTICATED(401, "unauthenticated", "a valid bearer token is required"),
    FORBIDDEN(403, "forbidden", "this token may not do that"),
    FINAL_UPLOAD_IMMUTABLE(403, "final_upload_immutable", "a final concatenated upload cannot be patched"),
    UPLOAD_COMMITTED(403, "upload_committed", "a completed upload cannot be terminated"),
    SELF_APPROVAL(403, "self_approval", "an export must be approved by someone other than its requester"),
    EXPORT_NOT_APPROVED(403, "export_not_approved", "the export has not been approved yet"),
    EXPORT_DOWNLOAD_REFUSED(403, "export_download_refused",
            "an approved export is downloaded only by its requester, within its download window"),
    NOT_FOUND(404, "not_found", "no such resource"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "method not allowed on this resource"),
    CONFLICT(409, "conflict", "the request conflicts with the current state"),
    AMBIGUOUS_OFFICER(409, "ambiguous_officer", "several officers have this name; search by badge"),
    OFFSET_MISMATCH(409, "offset_mismatch", "Upload-Offset does not match the upload's current offset"),
    UPLOAD_GONE(410, "upload_gone", "the upload expired or was terminated"),
    UNSUPPORTED_VERSION(412, "unsupported_version", "Tus-Resumable must be 1.0.0"),
    TOO_LARGE(413, "too_large", "the upload is larger than this server accepts"),
    BODY_TOO_LARGE(413, "body_too_large", "the request body is too large"),
    EXCEEDS_LENGTH(413, "exceeds_length", "the body runs past the declared Upload-Length"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Content-Type must be application/offset+octet-stream"),
    EXPECTATION_FAILED(417, "expectation_failed", "only Expect: 100-continue is supported"),
    UPLOAD_LOCKED(423, "upload_locked", "another request is writing to this upload"),
    UNFINISHED_UPLOADS_LIMIT(429, "unfinished_uploads_limit",
            "this account holds too many unfinished uploads; finish or terminate some first"),
    UNFINISHED_BYTES_LIMIT(429, "unfinished_bytes_limit",
            "this account's unfinished uploads declare too many bytes; finish or terminate some first"),
    HEADERS_TOO_LARGE(431, "headers_too_large", "request headers are too large"),
    CHECKSUM_MISMATCH(460, "checksum_mismatch", "checksum mismatch"),
    INTERNAL(500, "internal", "internal error"),
    NOT_READY(503, "not_ready", "the gateway is not ready"),
    OVERLOADED(503, "overloaded", "too many active uploads, retry later"),
    STORE_UNAVAILABLE(503, "store_unavailable", "the object store cannot be reached; every byte received is kept, retry later"),
    INSUFFICIENT_STORAGE(507, "insufficient_storage", "not enough free space for this upload, retry later");

    private final int status;
    private final String code;
    private final String message;

    GatewayError(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    public GatewayException exception() {
        return new GatewayException(this, null);
    }

    /** @param safeDetail text the gateway composed itself (e.g. a metadata key name), shown to the client */
    public GatewayException exception(String safeDetail) {
        return new GatewayException(this, safeDetail);
    }
}
