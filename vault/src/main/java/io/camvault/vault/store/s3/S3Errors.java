package io.camvault.vault.store.s3;

import io.camvault.vault.VaultException;
import io.camvault.vault.VaultException.Kind;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** SDK failures as the vault's own: the store's answer decides the kind; no answer at all is UNAVAILABLE. */
final class S3Errors {
    private S3Errors() {
    }

    static VaultException wrap(String what, SdkException e) {
        if (e instanceof AwsServiceException ase) {
            int status = ase.statusCode();
            String code = ase.awsErrorDetails() == null ? "" : ase.awsErrorDetails().errorCode();
            Kind kind = status == 404 ? Kind.NOT_FOUND
                    : status == 403 ? Kind.FORBIDDEN
                    : status == 400 && "BadDigest".equals(code) ? Kind.INTEGRITY
                    : status >= 500 || status == 429 ? Kind.UNAVAILABLE
                    : Kind.IO;
            return new VaultException(kind, what + ": the store answered " + status + " " + code + " "
                    + messageOf(ase), e);
        }
        return new VaultException(Kind.UNAVAILABLE, what + ": the store cannot be reached: " + e.getMessage(), e);
    }

    static boolean status(SdkException e, int status) {
        return e instanceof AwsServiceException ase && ase.statusCode() == status;
    }

    static String codeOf(SdkException e) {
        return e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
                ? String.valueOf(ase.awsErrorDetails().errorCode()) : "";
    }

    static String messageOf(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? ""
                : e.awsErrorDetails().errorMessage();
    }
}
