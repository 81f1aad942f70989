package io.camvault.cli;

import io.camvault.vault.VaultException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns exceptions into one readable line and an exit code; stack traces only with CAMVAULT_DEBUG=1. */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if ("1".equals(System.getenv("CAMVAULT_DEBUG"))) {
            ex.printStackTrace(cmd.getErr());
        }
        if (ex instanceof UserError u) {
            cmd.getErr().println("camvault: " + SafeText.terminal(u.getMessage()));
            return u.exitCode();
        }
        if (ex instanceof VaultException v) {
            cmd.getErr().println("camvault: " + SafeText.terminal(v.getMessage()));
            return ExitCodes.FAILURE;
        }
        if (ex instanceof IllegalArgumentException) {
            cmd.getErr().println("camvault: " + SafeText.terminal(ex.getMessage()));
            return ExitCodes.CONFIG;
        }
        cmd.getErr().println("camvault: " + SafeText.terminal(String.valueOf(ex)));
        return ExitCodes.FAILURE;
    }
}
