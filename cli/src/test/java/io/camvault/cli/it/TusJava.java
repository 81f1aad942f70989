package io.camvault.cli.it;

import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusUploader;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;

/** tus-java-client loops with failures that say what the server answered. */
final class TusJava {
    private TusJava() {
    }

    /** Uploads the rest of the file and finishes (the final 204 has been read when this returns). */
    static void uploadAll(TusUploader uploader) throws IOException {
        try {
            while (uploader.uploadChunk() > -1) {
                // stream it all
            }
            uploader.finish();
        } catch (ProtocolException e) {
            throw explain(uploader, e);
        }
    }

    /** Uploads until at least {@code stopAt} bytes were sent, without finishing the request. */
    static void uploadUntil(TusUploader uploader, long stopAt) throws IOException {
        try {
            while (uploader.getOffset() < stopAt && uploader.uploadChunk() > -1) {
                // send until past stopAt
            }
        } catch (ProtocolException e) {
            throw explain(uploader, e);
        }
    }

    static void finish(TusUploader uploader) throws IOException {
        try {
            uploader.finish();
        } catch (ProtocolException e) {
            throw explain(uploader, e);
        }
    }

    static AssertionError explain(TusUploader uploader, ProtocolException e) {
        StringBuilder sb = new StringBuilder("tus-java-client: ").append(e.getMessage())
                .append(" at client offset ").append(uploader.getOffset()).append(" of ").append(uploader.getUploadURL());
        HttpURLConnection c = e.getCausingConnection();
        if (c != null) {
            try {
                sb.append("; server said ").append(c.getResponseCode())
                        .append(" Upload-Offset=").append(c.getHeaderField("Upload-Offset"));
                InputStream err = c.getErrorStream();
                if (err != null) {
                    sb.append(" body=").append(new String(err.readNBytes(2000), StandardCharsets.UTF_8));
                }
            } catch (IOException io) {
                sb.append("; (no response: ").append(io).append(')');
            }
        }
        return new AssertionError(sb.toString(), e);
    }
}
