package dev.meshhook.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** What an offline command reads and writes: standard streams and istiod-style environment variables. */
record Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {

    static Terminal system() {
        return new Terminal(System.in, System.out, System.err, System.getenv());
    }
}
