package io.camvault.cli;

import io.camvault.gateway.GatewayConfig;
import io.camvault.vault.VaultConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * The daemon's settings: every key, how it is parsed and where it goes. Values come from an
 * optional properties file, overridden by {@code --set key=value} and the dedicated flags. An
 * unknown key or a bad value stops start-up with a message naming the key. The README's
 * configuration table lists exactly {@link #KEYS} (a test checks it).
 */
final class ServeSettings {

    private record Setting(String key, BiConsumer<Target, String> apply) {
    }

    /** What the settings are applied to. */
    private static final class Target {
        final GatewayConfig.Builder gateway = GatewayConfig.defaults().toBuilder();
        java.time.Duration routineRetention = VaultConfig.DEFAULT_ROUTINE_RETENTION;
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("gateway.host", (t, v) -> t.gateway.host(v.trim())),
            new Setting("gateway.port", (t, v) -> t.gateway.port(integer("gateway.port", v))),
            new Setting("gateway.ioThreads", (t, v) -> t.gateway.ioThreads(integer("gateway.ioThreads", v))),
            new Setting("gateway.writerThreads", (t, v) -> t.gateway.writerThreads(integer("gateway.writerThreads", v))),
            new Setting("gateway.maxUploadSize", (t, v) -> t.gateway.maxUploadSize(Units.bytes("gateway.maxUploadSize", v))),
            new Setting("gateway.uploadExpiry", (t, v) -> t.gateway.uploadExpiry(Units.duration("gateway.uploadExpiry", v))),
            new Setting("gateway.diskReserve", (t, v) -> t.gateway.diskReserve(Units.bytes("gateway.diskReserve", v))),
            new Setting("gateway.maxActiveUploads", (t, v) -> t.gateway.maxActiveUploads(integer("gateway.maxActiveUploads", v))),
            new Setting("gateway.maxInitialLineLength",
                    (t, v) -> t.gateway.maxInitialLineLength(intBytes("gateway.maxInitialLineLength", v))),
            new Setting("gateway.maxHeaderSize", (t, v) -> t.gateway.maxHeaderSize(intBytes("gateway.maxHeaderSize", v))),
            new Setting("gateway.maxChunkSize", (t, v) -> t.gateway.maxChunkSize(intBytes("gateway.maxChunkSize", v))),
            new Setting("gateway.maxInFlightBytesPerUpload",
                    (t, v) -> t.gateway.maxInFlightBytesPerUpload(intBytes("gateway.maxInFlightBytesPerUpload", v))),
            new Setting("gateway.computeSm3", (t, v) -> t.gateway.computeSm3(bool("gateway.computeSm3", v))),
            new Setting("gateway.idleTimeout", (t, v) -> t.gateway.idleTimeout(Units.duration("gateway.idleTimeout", v))),
            new Setting("gateway.shutdownTimeout",
                    (t, v) -> t.gateway.shutdownTimeout(Units.duration("gateway.shutdownTimeout", v))),
            new Setting("gateway.overloadRetryAfter",
                    (t, v) -> t.gateway.overloadRetryAfter(Units.duration("gateway.overloadRetryAfter", v))),
            new Setting("vault.routineRetention",
                    (t, v) -> t.routineRetention = Units.duration("vault.routineRetention", v)));

    static final List<String> KEYS = SETTINGS.stream().map(Setting::key).toList();

    private final GatewayConfig gateway;
    private final VaultConfig vault;

    private ServeSettings(GatewayConfig gateway, VaultConfig vault) {
        this.gateway = gateway;
        this.vault = vault;
    }

    /**
     * Reads the file (if any), applies {@code overrides} on top, validates everything once.
     *
     * @throws UserError (exit code CONFIG) naming the offending key
     */
    static ServeSettings load(Path dataDir, Path configFile, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        if (configFile != null) {
            values.putAll(readFile(configFile));
        }
        values.putAll(overrides);
        Target target = new Target();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Setting s = SETTINGS.stream().filter(x -> x.key().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new UserError(ExitCodes.CONFIG,
                            "unknown setting '" + e.getKey() + "'; known settings: " + String.join(", ", KEYS)));
            try {
                s.apply().accept(target, e.getValue());
            } catch (IllegalArgumentException | ArithmeticException ex) {
                throw new UserError(ExitCodes.CONFIG, ex.getMessage(), ex);
            }
        }
        try {
            return new ServeSettings(target.gateway.build(), new VaultConfig(dataDir, target.routineRetention));
        } catch (IllegalArgumentException ex) {
            throw new UserError(ExitCodes.CONFIG, "invalid configuration: " + ex.getMessage(), ex);
        }
    }

    GatewayConfig gateway() {
        return gateway;
    }

    VaultConfig vault() {
        return vault;
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UserError(ExitCodes.CONFIG, "cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static int integer(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
        }
    }

    private static int intBytes(String key, String v) {
        long n = Units.bytes(key, v);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + ": '" + v + "' is too large");
        }
        return (int) n;
    }

    private static boolean bool(String key, String v) {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + ": '" + v + "' is not true or false");
        };
    }
}
