package dev.meshhook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.config.EmbeddedDefaults;
import dev.meshhook.inject.ClusterFacts;
import dev.meshhook.inject.InjectionOutcome;
import dev.meshhook.inject.InjectionRequest;
import dev.meshhook.inject.Injector;
import dev.meshhook.inject.InjectorConfig;
import dev.meshhook.inject.InjectorEnv;
import dev.meshhook.inject.InjectorValues;
import dev.meshhook.inject.MeshConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The whole webhook injection pipeline (decision, render, strategic merge, post-processing, JSON patch) for the pod
 * of Istio's hello.yaml Deployment, on the embedded default configuration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class InjectBench {

    /** The pod a ReplicaSet of hello.yaml creates (template + generated fields the API server adds). */
    static final String HELLO_POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"hello-7d4c9b8f6-","namespace":"default",
             "labels":{"app":"hello","tier":"backend","track":"stable","pod-template-hash":"7d4c9b8f6"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"hello-7d4c9b8f6",
               "uid":"00000000-0000-0000-0000-000000000001","controller":true,"blockOwnerDeletion":true}]},
             "spec":{"containers":[{"name":"hello","image":"fake.docker.io/google-samples/hello-go-gke:1.0",
               "ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],"resources":{},
               "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File",
               "imagePullPolicy":"IfNotPresent"}],
             "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",
             "serviceAccountName":"default","securityContext":{},"schedulerName":"default-scheduler"}}""";

    Injector injector;
    ObjectNode pod;

    @Setup
    public void setup() throws Exception {
        injector = Injector.create(InjectorConfig.parse(EmbeddedDefaults.config()),
                InjectorValues.parse(EmbeddedDefaults.values()), MeshConfig.parse(EmbeddedDefaults.mesh()), "default",
                InjectorEnv.defaults(), ClusterFacts.NONE);
        pod = (ObjectNode) new ObjectMapper().readTree(HELLO_POD);
        InjectionOutcome check = injector.inject(new InjectionRequest(pod, "default", "/inject"));
        if (!(check instanceof InjectionOutcome.Injected)) {
            throw new IllegalStateException("hello pod was not injected: " + check);
        }
    }

    @Benchmark
    public InjectionOutcome injectHelloPod() {
        return injector.inject(new InjectionRequest(pod, "default", "/inject"));
    }
}
