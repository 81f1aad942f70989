package io.camvault.gateway.protocol;

/**
 * A {@link GatewayError} thrown through the protocol layer. The detail, when present, is composed
 * by the gateway and safe to send; it never wraps another exception's message.
 */
public final class GatewayException extends RuntimeException {
    private final GatewayError error;
    private final String safeDetail;

    GatewayException(GatewayError error, String safeDetail) {
        super(safeDetail == null ? error.message() : error.message() + ": " + safeDetail, null, false, false);
        this.error = error;
        this.safeDetail = safeDetail;
    }

    public GatewayError error() {
        return error;
    }

    /** The message sent to the client. */
    public String clientMessage() {
        return getMessage();
    }

    public String safeDetail() {
        return safeDetail;
    }
}
