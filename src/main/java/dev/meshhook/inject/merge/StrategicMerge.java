package dev.meshhook.inject.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshhook.inject.merge.GoType.Field;
import dev.meshhook.inject.merge.GoType.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes strategic merge patch (apimachinery {@code strategicpatch}, options {@code MergeParallelList} and
 * {@code IgnoreUnmatchedNulls}) against the core/v1 Pod schema, followed by the Go round trip of the result —
 * what Istio's {@code applyOverlayYAML} / {@code applyOverlay} do (inject-spec e.1-e.4).
 *
 * <p>List merges use hash indexes, so merging is linear in the size of the lists involved.
 */
public final class StrategicMerge {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String DIRECTIVE = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder/";

    private StrategicMerge() {
    }

    /**
     * Merges {@code overlay} (a rendered template parsed from YAML, or a Go-JSON pod fragment) onto {@code pod}
     * and returns a new Go-shaped pod; neither argument is modified. A null/missing/JSON-null overlay is a no-op
     * (empty template output). The pod may be raw or already Go-shaped; it is round-tripped first (e.1 step 1).
     *
     * @throws PodMergeException with message {@code strategic merge: <reason>} when the merge fails, or
     *                           {@code unmarshal patched pod: <reason>} when the merged JSON does not decode as a
     *                           core/v1 Pod
     */
    public static ObjectNode apply(JsonNode pod, JsonNode overlay) throws PodMergeException {
        ObjectNode target;
        try {
            target = PodShape.pod(pod);
        } catch (GoDecodeException e) {
            throw new PodMergeException("unmarshal patched pod: " + e.getMessage());
        }
        return mergeInto(target, overlay);
    }

    /**
     * {@link #apply} for a pod that is already in Go-JSON shape (from {@link PodShape#pod} or a previous merge,
     * possibly with fields added since): the leading round trip would rebuild an equal tree, so a plain copy
     * stands in for it. The result is round-tripped as usual; neither argument is modified.
     */
    public static ObjectNode applyToShaped(ObjectNode shapedPod, JsonNode overlay) throws PodMergeException {
        return mergeInto(shapedPod.deepCopy(), overlay);
    }

    private static ObjectNode mergeInto(ObjectNode target, JsonNode overlay) throws PodMergeException {
        if (overlay == null || overlay.isMissingNode() || overlay.isNull()) {
            return target;
        }
        if (!overlay.isObject()) {
            throw new PodMergeException("strategic merge: invalid JSON document");
        }
        JsonNode merged;
        try {
            merged = mergeMap(target, (ObjectNode) overlay.deepCopy(), PodSchema.POD);
        } catch (MergeError e) {
            throw new PodMergeException("strategic merge: " + e.getMessage());
        }
        try {
            return PodShape.pod(merged);
        } catch (GoDecodeException e) {
            throw new PodMergeException("unmarshal patched pod: " + e.getMessage());
        }
    }

    /** Internal failure carrying the apimachinery error text. */
    static final class MergeError extends Exception {
        MergeError(String message) {
            super(message, null, false, false);
        }
    }

    private record Meta(GoType type, String strategy, String mergeKey) {}

    // ---- map level (e.2) ----------------------------------------------------------------------------------

    static JsonNode mergeMap(ObjectNode original, ObjectNode patch, GoType schema) throws MergeError {
        JsonNode directive = patch.get(DIRECTIVE);
        if (directive != null) {
            if (directive.isTextual() && directive.textValue().equals("replace")) {
                patch.remove(DIRECTIVE);
                return patch;
            }
            if (directive.isTextual() && directive.textValue().equals("delete")) {
                return F.objectNode();
            }
            throw new MergeError("unknown patch type: " + GoJson.goValue(directive) + " in map: "
                    + GoJson.goValue(patch));
        }
        if (original == null) {
            original = F.objectNode();
        }
        applyRetainKeys(original, patch);
        mergeSetElementOrder(original, patch, schema);

        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(patch.size());
        patch.fields().forEachRemaining(entries::add);
        for (Map.Entry<String, JsonNode> e : entries) {
            String k = e.getKey();
            JsonNode patchV = e.getValue();
            boolean isDeleteList = false;
            if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                k = k.substring(DELETE_FROM_PRIMITIVE_LIST.length());
                isDeleteList = true;
            }
            if (patchV.isNull()) {
                original.remove(k);
                continue;
            }
            JsonNode origV = original.get(k);
            if (origV == null) {
                if (!isDeleteList) {
                    discardNulls(patchV);
                    original.set(k, patchV);
                }
                continue;
            }
            if (typeOf(origV) != typeOf(patchV)) {
                if (!isDeleteList) {
                    discardNulls(patchV);
                    original.set(k, patchV);
                }
                continue;
            }
            if (origV.isObject()) {
                Meta m = lookupStruct(schema, k);
                if ("replace".equals(m.strategy())) {
                    original.set(k, patchV);
                } else {
                    // opaque subtrees may be shared with the caller's pod (PodShape), so merge into a copy
                    ObjectNode target = m.type().kind() == Kind.RAW ? (ObjectNode) origV.deepCopy() : (ObjectNode) origV;
                    original.set(k, mergeMap(target, (ObjectNode) patchV, m.type()));
                }
            } else if (origV.isArray()) {
                Meta m = lookupSlice(schema, k);
                original.set(k, mergeSliceHandler((ArrayNode) origV, (ArrayNode) patchV, m, isDeleteList));
            } else {
                original.set(k, patchV);
            }
        }
        return original;
    }

    private static void applyRetainKeys(ObjectNode original, ObjectNode patch) throws MergeError {
        JsonNode retain = patch.remove(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw new MergeError("invalid patch format of retainKeys");
        }
        Set<String> keep = new HashSet<>();
        for (JsonNode k : retain) {
            keep.add(k.isTextual() ? k.textValue() : GoJson.goValue(k));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (e.getValue().isNull() || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (!keep.contains(k)) {
                throw new MergeError("invalid patch format of retainKeys");
            }
        }
        original.retain(keep);
    }

    private static void mergeSetElementOrder(ObjectNode original, ObjectNode patch, GoType schema)
            throws MergeError {
        List<String> directives = new ArrayList<>();
        patch.fieldNames().forEachRemaining(k -> {
            if (k.startsWith(SET_ELEMENT_ORDER)) {
                directives.add(k);
            }
        });
        for (String key : directives) {
            String originalKey = key.substring(SET_ELEMENT_ORDER.length());
            JsonNode order = patch.get(key);
            if (!order.isArray()) {
                throw new MergeError("expected a list for " + key + ", but got: " + GoJson.goValue(order));
            }
            JsonNode ov = original.get(originalKey);
            JsonNode pv = patch.get(originalKey);
            ArrayNode originalList = ov != null && ov.isArray() ? (ArrayNode) ov : F.arrayNode();
            ArrayNode patchList = pv != null && pv.isArray() ? (ArrayNode) pv : F.arrayNode();
            Meta m = lookupSlice(schema, originalKey);
            ArrayNode merged = mergeSliceHandler(originalList.deepCopy(), patchList, m, false);
            if (merged.isEmpty() && originalList.isEmpty() && patchList.isEmpty()) {
                patch.remove(originalKey);
                patch.remove(key);
                continue;
            }
            JsonNodeType kind = elementType(originalList, patchList);
            String mergeKey = kind == JsonNodeType.OBJECT ? m.mergeKey() : null;
            List<JsonNode> patchItems = new ArrayList<>();
            List<JsonNode> serverOnly = new ArrayList<>();
            List<JsonNode> mergedItems = new ArrayList<>(merged.size());
            merged.forEach(mergedItems::add);
            partition(mergedItems, (ArrayNode) order, mergeKey, patchItems, serverOnly);
            original.set(originalKey, normalizeElementOrder(patchItems, serverOnly, (ArrayNode) order, originalList,
                    mergeKey));
            patch.remove(originalKey);
            patch.remove(key);
        }
    }

    // ---- schema lookups ---------------------------------------------------------------------------------

    private static Meta lookupStruct(GoType schema, String key) throws MergeError {
        switch (schema.kind()) {
            case MAP:
                return new Meta(schema.elem(), null, null);
            case RAW:
                return new Meta(schema, null, null);
            case STRUCT:
                Field f = schema.fieldExact(key);
                if (f == null) {
                    throw new MergeError("unable to find api field in struct " + schema.shortName()
                            + " for the json field \"" + key + "\"");
                }
                return new Meta(f.type(), strategy(f.patchStrategy()), f.mergeKey());
            case QUANTITY:
                throw new MergeError("unable to find api field in struct Quantity for the json field \"" + key + "\"");
            case INT_OR_STRING:
                throw new MergeError("unable to find api field in struct IntOrString for the json field \""
                        + key + "\"");
            case TIME:
                throw new MergeError("unable to find api field in struct Time for the json field \"" + key + "\"");
            default:
                throw new MergeError("merging an object in json but data type is not map or struct, instead is: "
                        + goKind(schema));
        }
    }

    private static Meta lookupSlice(GoType schema, String key) throws MergeError {
        Meta m = lookupStruct(schema, key);
        if (m.type().kind() == Kind.RAW) {
            return new Meta(m.type(), null, null);
        }
        if (m.type().kind() != Kind.LIST) {
            throw new MergeError("expected slice or array type, but got: " + goKind(schema));
        }
        return new Meta(m.type().elem(), m.strategy(), m.mergeKey());
    }

    private static String strategy(String tag) {
        if (tag == null) {
            return null;
        }
        for (String s : tag.split(",")) {
            if (!s.equals("retainKeys")) {
                return s;
            }
        }
        return null;
    }

    private static String goKind(GoType t) {
        return switch (t.kind()) {
            case STRING -> "string";
            case BOOL -> "bool";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case LIST -> "slice";
            case MAP -> "map";
            default -> "struct";
        };
    }

    // ---- list level (e.4) -------------------------------------------------------------------------------

    private static ArrayNode mergeSliceHandler(ArrayNode original, ArrayNode patch, Meta meta, boolean isDeleteList)
            throws MergeError {
        if ("merge".equals(meta.strategy())) {
            return mergeSlice(original, patch, meta.type(), meta.mergeKey(), isDeleteList);
        }
        return patch;
    }

    private static ArrayNode mergeSlice(ArrayNode original, ArrayNode patch, GoType elemSchema, String mergeKey,
                                        boolean isDeleteList) throws MergeError {
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        JsonNodeType kind = elementType(original, patch);
        List<JsonNode> orig = new ArrayList<>(original.size());
        original.forEach(orig::add);
        List<JsonNode> pat = new ArrayList<>(patch.size());
        patch.forEach(pat::add);

        List<JsonNode> merged;
        String key = null;
        if (kind != JsonNodeType.OBJECT) {
            if (isDeleteList) {
                Set<Object> drop = new HashSet<>();
                for (JsonNode v : pat) {
                    drop.add(keyOf(v));
                }
                ArrayNode out = F.arrayNode();
                for (JsonNode v : orig) {
                    if (!drop.contains(keyOf(v))) {
                        out.add(v);
                    }
                }
                return out;
            }
            merged = new ArrayList<>(orig.size() + pat.size());
            Set<Object> seen = new HashSet<>();
            for (JsonNode v : orig) {
                if (seen.add(keyOf(v))) {
                    merged.add(v);
                }
            }
            for (JsonNode v : pat) {
                if (seen.add(keyOf(v))) {
                    merged.add(v);
                }
            }
        } else {
            if (mergeKey == null || mergeKey.isEmpty()) {
                throw new MergeError("cannot merge lists without merge key for " + elemSchema.shortName());
            }
            key = mergeKey;
            // special elements: {$patch: delete|replace}
            List<JsonNode> plain = new ArrayList<>(pat.size());
            boolean replace = false;
            for (JsonNode v : pat) {
                JsonNode d = v.get(DIRECTIVE);
                if (d == null) {
                    plain.add(v);
                    continue;
                }
                String dt = d.isTextual() ? d.textValue() : "";
                switch (dt) {
                    case "delete" -> {
                        JsonNode kv = v.get(key);
                        if (kv == null) {
                            throw noMergeKey(v, key);
                        }
                        Object kk = keyOf(kv);
                        List<JsonNode> kept = new ArrayList<>(orig.size());
                        for (JsonNode o : orig) {
                            JsonNode ok = o.get(key);
                            if (ok == null || !keyOf(ok).equals(kk)) {
                                kept.add(o);
                            }
                        }
                        orig = kept;
                    }
                    case "replace" -> replace = true;
                    case "merge" -> throw new MergeError("merging lists cannot yet be specified in the patch");
                    default -> throw new MergeError("unknown patch type: " + GoJson.goValue(d) + " in map: "
                            + GoJson.goValue(v));
                }
            }
            if (replace) {
                orig = plain;
                pat = new ArrayList<>();
            } else {
                pat = plain;
            }
            merged = new ArrayList<>(orig);
            Map<Object, Integer> position = new HashMap<>();
            for (int i = 0; i < merged.size(); i++) {
                JsonNode kv = merged.get(i).get(key);
                if (kv != null) {
                    position.putIfAbsent(keyOf(kv), i);
                }
            }
            for (JsonNode v : pat) {
                JsonNode kv = v.get(key);
                if (kv == null) {
                    throw noMergeKey(v, key);
                }
                Object kk = keyOf(kv);
                Integer at = position.get(kk);
                if (at != null) {
                    merged.set(at, mergeMap((ObjectNode) merged.get(at), (ObjectNode) v, elemSchema));
                } else {
                    position.put(kk, merged.size());
                    merged.add(v);
                }
            }
        }
        ArrayNode patchOrder = F.arrayNode(pat.size());
        pat.forEach(patchOrder::add);
        ArrayNode serverOrder = F.arrayNode(orig.size());
        orig.forEach(serverOrder::add);
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        partition(merged, patchOrder, key, patchItems, serverOnly);
        return normalizeElementOrder(patchItems, serverOnly, patchOrder, serverOrder, key);
    }

    private static void partition(List<JsonNode> merged, ArrayNode by, String mergeKey, List<JsonNode> patchItems,
                                  List<JsonNode> serverOnly) throws MergeError {
        Set<Object> present = new HashSet<>();
        for (JsonNode v : by) {
            if (mergeKey == null) {
                present.add(keyOf(v));
            } else {
                JsonNode kv = v.get(mergeKey);
                if (kv != null) {
                    present.add(keyOf(kv));
                }
            }
        }
        for (JsonNode v : merged) {
            Object k;
            if (mergeKey == null) {
                k = keyOf(v);
            } else {
                JsonNode kv = v.get(mergeKey);
                if (kv == null) {
                    throw noMergeKey(v, mergeKey);
                }
                k = keyOf(kv);
            }
            (present.contains(k) ? patchItems : serverOnly).add(v);
        }
    }

    private static ArrayNode normalizeElementOrder(List<JsonNode> patchItems, List<JsonNode> serverOnly,
                                                   ArrayNode patchOrder, ArrayNode serverOrder, String mergeKey)
            throws MergeError {
        Map<Object, Integer> patchIndex = index(patchOrder, mergeKey);
        Map<Object, Integer> serverIndex = index(serverOrder, mergeKey);
        if (mergeKey != null) {
            for (JsonNode v : patchItems) {
                if (v.get(mergeKey) == null) {
                    throw noMergeKey(v, mergeKey);
                }
            }
            for (JsonNode v : serverOnly) {
                if (v.get(mergeKey) == null) {
                    throw noMergeKey(v, mergeKey);
                }
            }
        }
        List<JsonNode> left = new ArrayList<>(serverOnly);
        List<JsonNode> right = new ArrayList<>(patchItems);
        right.sort(Comparator.comparingInt(v -> patchIndex.getOrDefault(itemKey(v, mergeKey), -1)));
        left.sort(Comparator.comparingInt(v -> serverIndex.getOrDefault(itemKey(v, mergeKey), -1)));

        ArrayNode out = F.arrayNode(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                out.add(right.get(j++));
            } else if (j >= right.size()) {
                out.add(left.get(i++));
            } else {
                Integer li = serverIndex.get(itemKey(left.get(i), mergeKey));
                Integer ri = serverIndex.get(itemKey(right.get(j), mergeKey));
                if (li != null && ri != null && li < ri) {
                    out.add(left.get(i++));
                } else {
                    out.add(right.get(j++));
                }
            }
        }
        return out;
    }

    private static Map<Object, Integer> index(ArrayNode list, String mergeKey) throws MergeError {
        Map<Object, Integer> idx = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            if (mergeKey != null) {
                JsonNode kv = v.get(mergeKey);
                if (kv == null) {
                    throw noMergeKey(v, mergeKey);
                }
                idx.putIfAbsent(keyOf(kv), i);
            } else {
                idx.putIfAbsent(keyOf(v), i);
            }
        }
        return idx;
    }

    private static Object itemKey(JsonNode v, String mergeKey) {
        return keyOf(mergeKey == null ? v : v.get(mergeKey));
    }

    private static MergeError noMergeKey(JsonNode m, String key) {
        return new MergeError("map: " + GoJson.goValue(m) + " does not contain declared merge key: " + key);
    }

    /** All elements of both lists must have one JSON type, and must not be lists (apimachinery rule). */
    private static JsonNodeType elementType(ArrayNode a, ArrayNode b) throws MergeError {
        JsonNodeType t = null;
        for (ArrayNode list : List.of(a, b)) {
            for (JsonNode v : list) {
                JsonNodeType ct = typeOf(v);
                if (t == null) {
                    t = ct;
                    if (t == JsonNodeType.ARRAY) {
                        throw new MergeError("lists of lists are not supported");
                    }
                } else if (t != ct || ct == JsonNodeType.NULL) {
                    throw new MergeError("list element types are not identical: ["
                            + GoJson.goValue(a) + " " + GoJson.goValue(b) + "]");
                }
            }
        }
        if (t == null) {
            throw new MergeError("no elements in any of the given slices");
        }
        if (t == JsonNodeType.NULL) {
            throw new MergeError("list element types are not identical: [" + GoJson.goValue(a) + " "
                    + GoJson.goValue(b) + "]");
        }
        return t;
    }

    private static JsonNodeType typeOf(JsonNode v) {
        JsonNodeType t = v.getNodeType();
        return t == JsonNodeType.POJO || t == JsonNodeType.BINARY ? JsonNodeType.STRING : t;
    }

    /** Go interface equality of decoded JSON scalars: all numbers are float64. */
    private static Object keyOf(JsonNode v) {
        if (v == null || v.isNull()) {
            return NullKey.INSTANCE;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return GoJson.write(v);
    }

    private enum NullKey { INSTANCE }

    private static void discardNulls(JsonNode v) {
        if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    it.remove();
                } else {
                    discardNulls(e.getValue());
                }
            }
        } else if (v.isArray()) {
            for (JsonNode item : v) {
                discardNulls(item);
            }
        }
    }
}
