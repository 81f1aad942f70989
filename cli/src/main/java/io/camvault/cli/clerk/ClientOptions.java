package io.camvault.cli.clerk;

import io.camvault.cli.ExitCodes;
import io.camvault.cli.UserError;
import io.camvault.cli.tls.ClientTls;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the daemon is and which token to use: {@code --server}/{@code --token}, else the
 * environment ({@code CAMVAULT_URL}, {@code CAMVAULT_TOKEN}), else {@code server=} and {@code token=}
 * in {@code ~/.config/camvault/client.properties} (or the file {@code CAMVAULT_CLIENT_CONFIG} names).
 */
public final class ClientOptions {
    @Option(names = "--server", paramLabel = "URL", description = "Daemon URL, e.g. http://127.0.0.1:8080 "
            + "(default: $CAMVAULT_URL, then server= in ~/.config/camvault/client.properties).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token "
            + "(default: $CAMVAULT_TOKEN, then token= in ~/.config/camvault/client.properties).")
    String token;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM file of the CA that signed the daemon's "
            + "certificate, for https:// (default: $CAMVAULT_CA, then ca= in client.properties, then the system trust store).")
    Path ca;

    @Option(names = "--client-cert", paramLabel = "FILE", description = "PEM client certificate for a daemon that "
            + "asks for one (default: $CAMVAULT_CLIENT_CERT, then client-cert= in client.properties).")
    Path clientCert;

    @Option(names = "--client-key", paramLabel = "FILE", description = "PEM private key of --client-cert "
            + "(default: $CAMVAULT_CLIENT_KEY, then client-key= in client.properties).")
    Path clientKey;

    public ApiClient client() {
        Properties file = configFile();
        String url = first(server, System.getenv("CAMVAULT_URL"), file.getProperty("server"));
        String tok = first(token, System.getenv("CAMVAULT_TOKEN"), file.getProperty("token"));
        if (url == null) {
            throw new UserError(ExitCodes.CONFIG, "no daemon URL: pass --server URL, set CAMVAULT_URL, or put "
                    + "server=URL in " + configPath());
        }
        if (tok == null) {
            throw new UserError(ExitCodes.CONFIG, "no token: pass --token TOKEN, set CAMVAULT_TOKEN, or put "
                    + "token=TOKEN in " + configPath());
        }
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.CONFIG, "not a URL: " + url);
        }
        if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
            throw new UserError(ExitCodes.CONFIG, "the daemon URL must be http:// or https:// with a host: " + url);
        }
        ClientTls tls = ClientTls.of(path(ca, System.getenv("CAMVAULT_CA"), file.getProperty("ca")),
                path(clientCert, System.getenv("CAMVAULT_CLIENT_CERT"), file.getProperty("client-cert")),
                path(clientKey, System.getenv("CAMVAULT_CLIENT_KEY"), file.getProperty("client-key")));
        return new ApiClient(base, tok.strip(), tls);
    }

    private static Path path(Path flag, String env, String file) {
        String p = first(flag == null ? null : flag.toString(), env, file);
        return p == null ? null : Path.of(p.strip());
    }

    static Path configPath() {
        String override = System.getenv("CAMVAULT_CLIENT_CONFIG");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".config", "camvault", "client.properties");
    }

    private static Properties configFile() {
        Properties p = new Properties();
        Path f = configPath();
        if (Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError(ExitCodes.CONFIG, "cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
