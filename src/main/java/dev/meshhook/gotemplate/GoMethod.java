package dev.meshhook.gotemplate;

/**
 * A method of a {@link GoStruct} that takes arguments ({@code {{.Method arg1 arg2}}}). Niladic methods need not use
 * this: {@link GoStruct#member(String)} may simply return the method's result.
 */
@FunctionalInterface
public interface GoMethod {
    /**
     * @param args the evaluated template arguments (value model)
     * @return the result (value model)
     * @throws GoFuncException for a Go error return; the engine reports {@code error calling NAME: message}
     */
    Object invoke(Object[] args) throws GoFuncException;
}
