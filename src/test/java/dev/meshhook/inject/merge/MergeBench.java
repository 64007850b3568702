package dev.meshhook.inject.merge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.post.PostProcessContext;
import dev.meshhook.inject.post.PostProcessor;

/**
 * Manual benchmark (not a test): merge + post-process of big pods. Run after {@code mvn test-compile} with
 * {@code java -cp target/classes:target/test-classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
 * dev.meshhook.inject.merge.MergeBench}. Prints the median time per injection for each pod size; the times should
 * grow linearly with the pod.
 */
public final class MergeBench {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MergeBench() {
    }

    static ObjectNode pod(int containers, int envPerContainer, int managedFieldsBytes) {
        ObjectNode pod = F.objectNode();
        ObjectNode meta = pod.putObject("metadata");
        meta.put("name", "big");
        ArrayNode mf = meta.putArray("managedFields");
        ObjectNode entry = mf.addObject();
        entry.put("manager", "kubectl");
        ObjectNode fields = entry.putObject("fieldsV1");
        int n = 0;
        while (n < managedFieldsBytes) {
            String k = "f:field" + n;
            fields.putObject(k).putObject("f:nested").put(".", "x");
            n += k.length() + 30;
        }
        ObjectNode spec = pod.putObject("spec");
        ArrayNode cs = spec.putArray("containers");
        ArrayNode vols = spec.putArray("volumes");
        for (int i = 0; i < containers; i++) {
            ObjectNode c = cs.addObject();
            c.put("name", "c" + i);
            c.put("image", "img");
            ArrayNode env = c.putArray("env");
            for (int j = 0; j < envPerContainer; j++) {
                env.addObject().put("name", "E" + j).put("value", "v" + j);
            }
            c.putObject("readinessProbe").putObject("httpGet").put("port", 8080);
            vols.addObject().put("name", "v" + i).putObject("emptyDir");
        }
        return pod;
    }

    static ObjectNode overlay(int envPerContainer) {
        ObjectNode o = F.objectNode();
        ObjectNode spec = o.putObject("spec");
        ObjectNode proxy = spec.putArray("containers").addObject();
        proxy.put("name", "istio-proxy");
        ArrayNode env = proxy.putArray("env");
        for (int j = 0; j < envPerContainer; j++) {
            env.addObject().put("name", "P" + j).put("value", "p");
        }
        ObjectNode app = spec.withArray("containers").addObject();
        app.put("name", "c0");
        ArrayNode appEnv = app.putArray("env");
        for (int j = 0; j < envPerContainer; j++) {
            appEnv.addObject().put("name", "E" + (envPerContainer - j - 1)).put("value", "new");
        }
        spec.putArray("volumes").addObject().put("name", "istio-envoy").putObject("emptyDir");
        return o;
    }

    public static void main(String[] args) throws Exception {
        PostProcessContext ctx = PostProcessContext.defaults().withRewriteAppHTTPProbe(true);
        int[][] sizes = {{10, 10, 0}, {100, 100, 0}, {200, 200, 0}, {400, 400, 0}, {10, 10, 1 << 20}};
        for (int[] s : sizes) {
            ObjectNode pod = pod(s[0], s[1], s[2]);
            ObjectNode overlay = overlay(s[1]);
            long[] times = new long[15];
            for (int r = 0; r < times.length; r++) {
                long t0 = System.nanoTime();
                ObjectNode template = StrategicMerge.apply(F.objectNode(), overlay);
                ObjectNode merged = StrategicMerge.apply(pod, overlay);
                merged = ContainerOverrides.reapply(merged, pod, template, "REDIRECT");
                PostProcessor.apply(merged, template, ctx);
                times[r] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(times);
            System.out.printf("containers=%d env=%d managedFields=%dB: median %.2f ms%n", s[0], s[1], s[2],
                    times[times.length / 2] / 1e6);
        }
    }
}
