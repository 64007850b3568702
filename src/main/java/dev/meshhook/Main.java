package dev.meshhook;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point. Placeholder until the service and CLI land. */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        Quarkus.run(args);
    }
}
