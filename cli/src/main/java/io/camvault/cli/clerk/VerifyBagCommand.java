package io.camvault.cli.clerk;

import io.camvault.cli.ExitCodes;
import io.camvault.cli.UserError;
import io.camvault.vault.exports.BagVerifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code camvault verify-bag DIR}: offline, no daemon needed. */
@Command(name = "verify-bag", mixinStandardHelpOptions = true,
        description = {"Check a BagIt bag offline.",
                "Checks bagit.txt, every manifest checksum, that no payload file is unlisted, Payload-Oxum and the",
                "tag manifest. Exit 0 when intact; exit 4 naming each bad file."})
public final class VerifyBagCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(dir)) {
            throw new UserError(ExitCodes.USAGE, "no bag at " + dir + ": it does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new UserError(ExitCodes.USAGE, "no bag at " + dir
                    + ": it is a file; a bag is the directory that holds bagit.txt (unpack a .zip first)");
        }
        return report(BagVerifier.verify(dir), dir, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int report(BagVerifier.Result r, Path dir, PrintWriter rawOut, PrintWriter rawErr) {
        // paths and names come from the bag, which anyone may have made
        PrintWriter out = io.camvault.cli.SafeText.lines(rawOut);
        PrintWriter err = io.camvault.cli.SafeText.lines(rawErr);
        if (r.ok()) {
            out.println("bag " + dir + " is valid: " + r.payloadFiles() + " payload files, " + r.payloadBytes() + " bytes");
            return ExitCodes.OK;
        }
        for (BagVerifier.Problem p : r.problems()) {
            err.println("BAD " + p.path() + ": " + p.message());
        }
        err.println("bag " + dir + " is NOT valid: " + r.problems().size() + " problem(s)");
        return ExitCodes.VERIFY_FAILED;
    }
}
