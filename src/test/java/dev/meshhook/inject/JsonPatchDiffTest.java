package dev.meshhook.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonPatchDiffTest {
    private static JsonNode j(String s) throws Exception {
        return Json.JSON.readTree(s);
    }

    @Test
    void newMapIsOneWholeAdd() throws Exception {
        ArrayNode p = JsonPatchDiff.diff(j("{\"metadata\":{\"name\":\"a\"}}"),
                j("{\"metadata\":{\"name\":\"a\",\"annotations\":{\"x/y\":\"1\",\"z\":\"2\"}}}"));
        assertEquals(j("[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"x/y\":\"1\",\"z\":\"2\"}}]"), p);
    }

    @Test
    void keysAreEscaped() throws Exception {
        ArrayNode p = JsonPatchDiff.diff(j("{\"a\":{\"b~c/d\":\"1\"}}"), j("{\"a\":{\"b~c/d\":\"2\"}}"));
        assertEquals(j("[{\"op\":\"replace\",\"path\":\"/a/b~0c~1d\",\"value\":\"2\"}]"), p);
    }

    @Test
    void arraysArePositional() throws Exception {
        ArrayNode grow = JsonPatchDiff.diff(j("{\"c\":[{\"n\":\"app\"}]}"), j("{\"c\":[{\"n\":\"proxy\"},{\"n\":\"app\"}]}"));
        assertEquals(j("[{\"op\":\"add\",\"path\":\"/c/1\",\"value\":{\"n\":\"app\"}},"
                + "{\"op\":\"replace\",\"path\":\"/c/0/n\",\"value\":\"proxy\"}]"), grow);
        ArrayNode shrink = JsonPatchDiff.diff(j("{\"c\":[1,2,3]}"), j("{\"c\":[]}"));
        assertEquals(j("[{\"op\":\"remove\",\"path\":\"/c/2\"},{\"op\":\"remove\",\"path\":\"/c/1\"},{\"op\":\"remove\",\"path\":\"/c/0\"}]"), shrink);
    }

    @Test
    void typeChangeReplacesAndRemovedKeysAreRemoved() throws Exception {
        ArrayNode p = JsonPatchDiff.diff(j("{\"a\":null,\"b\":1,\"c\":true}"), j("{\"a\":{\"x\":1},\"b\":\"1\"}"));
        assertEquals(j("[{\"op\":\"replace\",\"path\":\"/a\",\"value\":{\"x\":1}},{\"op\":\"replace\",\"path\":\"/b\",\"value\":\"1\"},"
                + "{\"op\":\"remove\",\"path\":\"/c\"}]"), p);
        assertEquals(0, JsonPatchDiff.diff(j("{\"a\":1}"), j("{\"a\":1.0}")).size());
    }

    /** Property: applying the produced patch to the source yields the target. */
    @Test
    void patchAppliesToTarget() {
        Random r = new Random(42);
        for (int i = 0; i < 300; i++) {
            JsonNode a = random(r, 3);
            JsonNode b = r.nextBoolean() ? mutate(r, a.deepCopy(), 3) : random(r, 3);
            ArrayNode p = JsonPatchDiff.diff(a, b);
            assertEquals(b, JsonPatch.apply(p, a), () -> "patch " + p + " from " + a);
        }
    }

    private static JsonNode random(Random r, int depth) {
        int t = depth == 0 ? r.nextInt(3) : r.nextInt(5);
        return switch (t) {
            case 0 -> Json.F.textNode("s" + r.nextInt(3));
            case 1 -> Json.F.numberNode(r.nextInt(3));
            case 2 -> r.nextBoolean() ? Json.F.booleanNode(r.nextBoolean()) : Json.F.nullNode();
            case 3 -> {
                var o = Json.F.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) o.set(new String[]{"a", "b/c", "d~e", "f"}[r.nextInt(4)], random(r, depth - 1));
                yield o;
            }
            default -> {
                var a = Json.F.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) a.add(random(r, depth - 1));
                yield a;
            }
        };
    }

    private static JsonNode mutate(Random r, JsonNode n, int depth) {
        if (n.isObject() && n.size() > 0 && depth > 0) {
            var o = (com.fasterxml.jackson.databind.node.ObjectNode) n;
            String k = o.fieldNames().next();
            if (r.nextBoolean()) o.set(k, mutate(r, o.get(k), depth - 1));
            else o.set("new", random(r, depth - 1));
            return o;
        }
        if (n.isArray() && n.size() > 0 && depth > 0) {
            var a = (ArrayNode) n;
            if (r.nextBoolean()) a.insert(0, random(r, depth - 1));
            else a.remove(a.size() - 1);
            return a;
        }
        return random(r, depth);
    }
}
