package io.camvault.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code camvault.jar}. */
@Command(name = "camvault",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Body-worn camera ingest gateway and evidence vault.",
        subcommands = {ServeCommand.class, TrainCommand.class, AdminCommand.class, AuditCommand.class, io.camvault.cli.dock.DockCommand.class,
                io.camvault.cli.clerk.CaseCommand.class, io.camvault.cli.clerk.SearchCommand.class,
                io.camvault.cli.clerk.ExportCommand.class, io.camvault.cli.clerk.RedactCommand.class,
                io.camvault.cli.clerk.VerifyBagCommand.class,
                io.camvault.cli.clerk.StatsCommand.class, io.camvault.cli.clerk.CompletionCommand.class,
                CommandLine.HelpCommand.class})
public final class CamvaultMain {

    public static void main(String[] args) {
        useFastDirectBuffers();
        utf8OutputWhenAsked(System.getenv());
        System.exit(run(args));
    }

    /**
     * Writes standard output and error in UTF-8 when the environment asks for a UTF-8 locale
     * ({@code LANG=zh_CN.UTF-8}) that this machine has not installed: the JVM then falls back to ASCII
     * and every Chinese character would print as {@code ?} (common on minimal servers and in containers).
     */
    static void utf8OutputWhenAsked(java.util.Map<String, String> env) {
        if (!asksForUtf8(env)) {
            return;
        }
        // (harmless when the JVM chose UTF-8 itself; JDK 17 has no PrintStream.charset() to ask)
        System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                java.nio.charset.StandardCharsets.UTF_8));
        // picocli wraps System.out in a writer of the encoding these name (else the JVM's default)
        System.setProperty("sun.stdout.encoding", "UTF-8");
        System.setProperty("sun.stderr.encoding", "UTF-8");
        System.setProperty("stdout.encoding", "UTF-8");
        System.setProperty("stderr.encoding", "UTF-8");
    }

    /** The locale the environment names (LC_ALL, else LC_CTYPE, else LANG) is a UTF-8 one. */
    static boolean asksForUtf8(java.util.Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                String lower = v.toLowerCase(java.util.Locale.ROOT);
                return lower.endsWith(".utf-8") || lower.endsWith(".utf8") || lower.contains(".utf-8@")
                        || lower.contains(".utf8@");
            }
        }
        return false;
    }

    /** Runs a command line and returns its exit code (used by tests, which must not exit the JVM). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs a command line with its output captured (tests). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /**
     * Lets Netty create its direct buffers through the private {@code DirectByteBuffer} constructor:
     * no zero-filling of every new chunk and no Cleaner to run when it is freed. Without this, the
     * receive path spent a tenth of its time in {@code ByteBuffer.allocateDirect}. It takes effect only
     * when {@code java.nio} is opened to us, which the jar's manifest does ({@code Add-Opens}) when run
     * with {@code java -jar}; otherwise Netty falls back to ordinary direct buffers. Must run before
     * any Netty class loads; an explicit {@code -Dio.netty.tryReflectionSetAccessible} wins.
     */
    static void useFastDirectBuffers() {
        if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
            System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        }
    }

    /** The command tree, with the error handler and help options (tests walk it). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CamvaultMain());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        offerHelpEverywhere(cli);
        return cli;
    }

    /** Every command and command group takes {@code -h/--help} (and {@code -V}), declared or not. */
    private static void offerHelpEverywhere(CommandLine cli) {
        CommandLine.Model.CommandSpec spec = cli.getCommandSpec();
        if (!spec.mixinStandardHelpOptions() && spec.findOption("--help") == null) {
            spec.mixinStandardHelpOptions(true);
        }
        cli.getSubcommands().values().forEach(CamvaultMain::offerHelpEverywhere);
    }
}
