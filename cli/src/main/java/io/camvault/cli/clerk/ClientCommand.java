package io.camvault.cli.clerk;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to the daemon: connection options, output, and a client made on demand. */
abstract class ClientCommand implements Callable<Integer> {
    @Mixin
    ClientOptions connection;

    @Spec
    CommandSpec spec;

    ApiClient client() {
        return connection.client();
    }

    /** For lines a person reads: every field in them is shown safely (see {@link io.camvault.cli.SafeText#lines}). */
    PrintWriter lines() {
        return io.camvault.cli.SafeText.lines(out());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
