package dev.meshhook.cli;

import dev.meshhook.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * The command line without Quarkus: {@code Main} hands every command except {@code serve} to {@link #run}, so
 * offline commands (kube-inject, validate, explain) start fast and never bind ports. Add a command by listing
 * its class in {@code subcommands}.
 */
@Command(name = "meshhook", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Istio-compatible sidecar injection and mesh config validation webhooks.",
        subcommands = {Cli.Serve.class, KubeInjectCommand.class, ValidateCommand.class, ExplainCommand.class,
                CommandLine.HelpCommand.class})
public final class Cli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs one command line; returns the process exit code. */
    public static int run(String... args) {
        return new CommandLine(new Cli()).execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** Listed for {@code --help}; {@code Main} starts the service itself before picocli is involved. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Start the webhook service (HTTPS /inject and /validate, health and metrics on the"
                    + " management port). Same as running without a command.",
                    "Settings come from environment variables / system properties, see README.md."})
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() {
            Main.serve();
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"meshhook " + (v == null ? "(development build)" : v)};
        }
    }
}
