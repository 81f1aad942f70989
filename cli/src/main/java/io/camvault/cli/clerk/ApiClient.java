package io.camvault.cli.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.cli.ExitCodes;
import io.camvault.cli.UserError;
import io.camvault.cli.tls.ClientTls;
import io.camvault.cli.tls.TlsMessages;
import io.camvault.cli.tls.TlsProblem;
import io.camvault.vault.kv.Records;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * The daemon's JSON API over java.net.http. Every non-2xx answer becomes a {@link UserError} with
 * a sentence for the person at the terminal ({@link #explain}) and an exit code from {@link ExitCodes}.
 */
public final class ApiClient {
    static final ObjectMapper JSON = Records.mapper();
    private final URI base;
    private final String token;
    private final HttpClient http;
    private final ClientTls tls;

    ApiClient(URI base, String token, ClientTls tls) {
        this.base = base;
        this.token = token;
        this.tls = tls;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (tls.context() != null) {
            b.sslContext(tls.context());
        }
        this.http = b.build();
    }

    public JsonNode get(String path) {
        return json(send(request(path).GET()));
    }

    public JsonNode post(String path, Object body) {
        return json(send(request(path).POST(bodyOf(body)).header("Content-Type", "application/json")));
    }

    public JsonNode delete(String path, Object body) {
        return json(send(request(path).method("DELETE", bodyOf(body)).header("Content-Type", "application/json")));
    }

    /** Streams a GET answer into {@code target} (replacing it); returns its size. */
    public long download(String path, Path target) {
        HttpResponse<InputStream> r = exchange(request(path).GET().timeout(Duration.ofHours(12)),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() / 100 != 2) {
                throw failure(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return Files.size(target);
        } catch (IOException e) {
            throw new UserError(ExitCodes.FAILURE, TlsProblem.explain(e, base, tls)
                    .orElse("download from the daemon broke off: " + e.getMessage()), e);
        }
    }

    /** One path segment, percent-encoded (case numbers may hold '/'). */
    public static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (v != null) {
                sb.append(sb.length() == 0 ? '?' : '&').append(k).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return sb.toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1" + path))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode request", e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        HttpResponse<String> r = exchange(b, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() / 100 != 2) {
            throw failure(r.statusCode(), r.body());
        }
        return r;
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(b.build(), handler);
        } catch (ConnectException e) {
            throw new UserError(ExitCodes.UNAVAILABLE, "cannot reach the daemon at " + base
                    + " (is `camvault serve` running, and is --server right?)", e);
        } catch (IOException e) {
            java.util.Optional<String> problem = TlsProblem.explain(e, base, tls);
            if (problem.isPresent()) {
                throw new UserError(ExitCodes.CONFIG, problem.get(), e);
            }
            throw new UserError(ExitCodes.UNAVAILABLE, "talking to the daemon at " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(ExitCodes.FAILURE, "interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        String body = r.body();
        if (body == null || body.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UserError(ExitCodes.FAILURE, "the daemon answered with something that is not JSON", e);
        }
    }

    static UserError failure(int status, String body) {
        String code = null;
        String message = null;
        try {
            JsonNode n = JSON.readTree(body);
            code = n.path("error").asText(null);
            message = n.path("message").asText(null);
        } catch (IOException | RuntimeException e) {
            // not our JSON error body (a proxy in between?): fall back to the status
        }
        return new UserError(exitCode(status), explain(status, code, message));
    }

    /** A sentence for each error code the daemon's API can return. */
    static String explain(int status, String code, String message) {
        String detail = detail(message);
        if (code == null) {
            return "the daemon answered HTTP " + status + (message == null ? "" : ": " + message);
        }
        return switch (code) {
            case "unauthenticated" -> "the daemon did not accept the token (check --token, CAMVAULT_TOKEN or client.properties)";
            case "forbidden" -> "this token's role may not do that (cases and exports need clerk, supervisor or admin;"
                    + " audit and statistics also auditor)" + (detail.isEmpty() ? "" : " — " + detail);
            case "self_approval" -> "you requested this export yourself; a different clerk or supervisor must approve it";
            case "export_download_refused" -> "only the person who requested an export may download it, within its "
                    + "download window (setting export.download-window)" + (detail.isEmpty() ? "" : " — " + detail);
            case "export_not_approved" -> "the export has not been approved yet; a second person must run "
                    + "`camvault export approve ID` first";
            case "description_required" -> "linking footage to a case needs a written description: "
                    + "--description TEXT (and --what, --who, --where, --when)";
            case "not_found" -> "not found" + (detail.isEmpty() ? "" : ": " + detail);
            case "conflict" -> "not possible in the current state" + (detail.isEmpty() ? "" : ": " + detail);
            case "bad_request" -> "the daemon refused the request" + (detail.isEmpty() ? "" : ": " + detail);
            case "tls_required" -> TlsMessages.text("tls.required");
            case "method_not_allowed" -> "this daemon does not support that call (is it an older version?)";
            case "body_too_large" -> "the request is too large for the daemon (too many segments at once?)";
            case "not_ready", "overloaded" -> "the daemon is starting, stopping or busy; try again shortly";
            case "insufficient_storage" -> "the daemon's disk is full";
            case "internal" -> "the daemon failed while doing that; its log has the details";
            default -> "the daemon answered HTTP " + status + " (" + code + ")" + (detail.isEmpty() ? "" : ": " + detail);
        };
    }

    /** The part of the daemon's message after the generic text ("no such resource: case X" → "case X"). */
    private static String detail(String message) {
        if (message == null) {
            return "";
        }
        int colon = message.indexOf(": ");
        return colon < 0 ? "" : message.substring(colon + 2);
    }

    static int exitCode(int status) {
        return switch (status) {
            case 401, 403 -> ExitCodes.DENIED;
            case 404 -> ExitCodes.NOT_FOUND;
            case 503 -> ExitCodes.UNAVAILABLE;
            default -> ExitCodes.FAILURE;
        };
    }
}
