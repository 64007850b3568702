package dev.meshhook.inject;

import dev.meshhook.gotemplate.FuncMap;
import dev.meshhook.gotemplate.FuncMaps;

/**
 * The function map injection templates are parsed with (inject-spec d.5): sprig overlaid by Istio's functions,
 * with {@code env} reading istiod's variables from {@link InjectorEnv} — never the process environment.
 */
final class TemplateFunctions {
    private TemplateFunctions() {}

    static FuncMap forEnv(InjectorEnv env) {
        java.util.Map<String, String> vars = env.variables();
        return FuncMaps.istio(vars::get);
    }
}
