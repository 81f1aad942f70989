package io.camvault.gateway.tus;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.auth.Access;
import io.camvault.gateway.upload.UploadStore;
import java.util.concurrent.Executor;

/** What the tus exchanges share: settings, the upload store, access checks and the control pool. */
public record TusContext(GatewayConfig config, UploadStore store, Access access, Executor control) {
}
