/**
 * A pure-Java Go {@code text/template} engine with Go's builtins, sprig v3.3.0 and Istio's injection functions.
 *
 * <h2>Use</h2>
 * <pre>
 * TemplateSet t = TemplateSet.parse("sidecar", text, FuncMaps.istio());   // parse once, share freely
 * String out = t.execute(data);                                           // thread-safe
 * </pre>
 * Errors are {@link dev.meshhook.gotemplate.TemplateException}s carrying Go's exact message, e.g.
 * {@code template: sidecar:12:9: executing "sidecar" at <.Values.a.b>: nil pointer evaluating interface {}.b}.
 *
 * <h2>Value model: how Java objects stand for Go values</h2>
 * Template data is an object graph of the following Java types. Anything else is rejected with an
 * IllegalArgumentException when the template touches it.
 * <table>
 * <caption>Java type → Go type</caption>
 * <tr><th>Java</th><th>Go</th><th>notes</th></tr>
 * <tr><td>{@code null}</td><td>nil interface</td><td>A present map entry with a nil value ({@code "k": null} in
 *   .Values). Field access through it is an error ({@code nil pointer evaluating interface {}.x}); printing it gives
 *   {@code <no value>}. The root data {@code null} is Go's {@code Execute(w, nil)}.</td></tr>
 * <tr><td>{@link java.lang.String}</td><td>string</td><td>Go strings are bytes: len/slice/trunc/index count UTF-8 bytes.</td></tr>
 * <tr><td>{@link java.lang.Boolean}</td><td>bool</td><td></td></tr>
 * <tr><td>{@link java.lang.Long}</td><td>int</td><td>Template integer literals are int.</td></tr>
 * <tr><td>{@link java.lang.Integer}, {@link java.lang.Short}, {@link java.lang.Byte}</td><td>int32, int16, int8</td>
 *   <td>Kubernetes {@code int32} fields (containerPort) are Integer.</td></tr>
 * <tr><td>{@link dev.meshhook.gotemplate.GoInt}</td><td>int64, uint*, uintptr, enums</td><td>{@code new GoInt(GoType.UINT16, 3)};
 *   protobuf enums: {@code new GoInt(GoType.enumType("v1alpha1.ProxyConfig_InboundInterceptionMode", names), 0)} print
 *   their name with {@code %v}, have {@code .String}.</td></tr>
 * <tr><td>{@link java.lang.Double}, {@link java.lang.Float}</td><td>float64, float32</td><td>Every number decoded from
 *   JSON (.Values, fromJSON) is float64: use {@link dev.meshhook.gotemplate.GoValues#fromJson}.</td></tr>
 * <tr><td>{@link java.util.Map}{@code <String,?>}</td><td>map[string]interface {}</td><td>Missing key via
 *   {@code .key} → "no value" (prints {@code <no value>}); via {@code index} → nil. Use LinkedHashMap or any Map;
 *   iteration order never matters (Go sorts keys).</td></tr>
 * <tr><td>{@link dev.meshhook.gotemplate.GoMap}</td><td>typed maps, e.g. map[string]string</td><td>
 *   {@code GoMap.ofStrings(labels)}; {@code index} of a missing key gives the element zero value ({@code ""});
 *   {@code new GoMap(type, null)} is the nil map (empty, {@code eq .M nil} is true).</td></tr>
 * <tr><td>{@link java.util.List}</td><td>[]interface {}</td><td></td></tr>
 * <tr><td>{@link dev.meshhook.gotemplate.GoSlice}</td><td>typed slices, e.g. []v1.Container</td><td>null list = nil slice.</td></tr>
 * <tr><td>{@link dev.meshhook.gotemplate.GoStruct}</td><td>struct or pointer to struct</td><td>Fields and niladic
 *   methods by Go name via {@code member(name)}; {@link dev.meshhook.gotemplate.GoMethod} for methods with arguments;
 *   nil pointers answer {@code isNilPointer()} and still serve nil-safe getters (protobuf {@code GetX}); {@link
 *   dev.meshhook.gotemplate.GoNilPointer} is a ready one. {@code protoToJSON} needs a {@link
 *   dev.meshhook.gotemplate.GoProtoMessage}. Structs are
 *   always truthy and never "empty" for sprig's default. {@code toJson()} gives the Go encoding/json form (field
 *   order, omitempty), used by toJSON/toJson/structToJSON/toYaml. {@link dev.meshhook.gotemplate.GoStructValue}
 *   with a {@link dev.meshhook.gotemplate.GoStructType} schema is a ready implementation; {@link
 *   dev.meshhook.gotemplate.KubeTypes} has ObjectMeta, Container and ContainerPort.</td></tr>
 * <tr><td>{@link dev.meshhook.gotemplate.GoStringer}</td><td>a type with String()</td><td>Printing uses it.</td></tr>
 * <tr><td>{@link dev.meshhook.gotemplate.Function}</td><td>func value</td><td>For {@code call}.</td></tr>
 * </table>
 * Data passed to templates must not be mutated while a template runs; templates never mutate it (sprig's
 * {@code set}/{@code unset} on a map argument mutate that map, as in Go).
 *
 * <h2>YAML and JSON</h2>
 * {@link dev.meshhook.gotemplate.GoJson} is Go's encoding/json over this model; {@link
 * dev.meshhook.gotemplate.GoYaml#emit(Object)} prints what sigs.k8s.io/yaml v1.6.0 (go-yaml v2) prints, for the
 * value model or Jackson {@code JsonNode}s.
 */
package dev.meshhook.gotemplate;
