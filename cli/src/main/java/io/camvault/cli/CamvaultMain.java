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
        System.exit(run(args));
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
