package dev.meshhook.cli;

import dev.meshhook.inject.Injector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code meshhook kube-inject}: istioctl kube-inject without a cluster, through the webhook's own pipeline.
 * Output is written only when every document succeeded.
 */
@Command(name = "kube-inject", mixinStandardHelpOptions = true,
        description = {"Inject the sidecar into the workloads of a YAML stream, offline (like istioctl kube-inject).",
                "Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet, ReplicationController, Job, CronJob,"
                        + " DeploymentConfig and List documents are injected; other documents pass through unchanged.",
                "istiod's environment variables (ENABLE_NATIVE_SIDECARS, COMPLIANCE_POLICY, ...) apply as in the webhook."})
public final class KubeInjectCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|-",
            description = "Input file, or - for standard input.")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result here instead of stdout.")
    Path output;

    @Mixin
    InjectorOptions injectorOptions;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    public KubeInjectCommand() {
        this(Terminal.system());
    }

    KubeInjectCommand(Terminal terminal) {
        this.in = terminal.in();
        this.out = terminal.out();
        this.err = terminal.err();
        this.environment = terminal.environment();
    }

    @Override
    public Integer call() {
        String text;
        Injector injector;
        try {
            text = InputFiles.read(List.of(file), in, false).get(0).text();
            injector = injectorOptions.injector("", environment);
        } catch (InputFiles.UnusableInput | InjectorOptions.BadConfig e) {
            err.println("meshhook kube-inject: " + e.getMessage());
            return 2;
        }
        KubeInjector.Result result;
        try {
            result = new KubeInjector(injector).run(text);
        } catch (KubeInjector.KubeInjectException e) {
            err.println("meshhook kube-inject: " + e.getMessage());
            return 1;
        }
        if (output != null) {
            try {
                Files.writeString(output, result.output(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("meshhook kube-inject: cannot write " + output + ": " + e.getMessage());
                return 2;
            }
        } else {
            out.print(result.output());
            out.flush();
        }
        if (!result.warnings().isEmpty()) {
            err.println();
            result.warnings().forEach(err::println);
        }
        return 0;
    }
}
