package dev.meshhook.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the {@code -f} arguments of the offline commands: files, directories (YAML/JSON inside) or {@code -}. */
final class InputFiles {

    /** One input's display name and text. */
    record Input(String name, String text) {}

    /** An input that cannot be read; its message is meant for the user as is. */
    static final class UnusableInput extends Exception {
        UnusableInput(String message) {
            super(message);
        }
    }

    private InputFiles() {}

    static List<Input> read(List<String> names, InputStream stdin, boolean directories) throws UnusableInput {
        List<Input> inputs = new ArrayList<>();
        for (String name : names) {
            if (name.equals("-")) {
                try {
                    inputs.add(new Input("<stdin>", new String(stdin.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UnusableInput("cannot read standard input: " + e.getMessage());
                }
                continue;
            }
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                if (!directories) {
                    throw new UnusableInput(name + " is a directory; give a file or - for standard input");
                }
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path p : walk.filter(Files::isRegularFile).filter(InputFiles::isManifest).sorted().toList()) {
                        inputs.add(readFile(p));
                    }
                } catch (IOException | UncheckedIOException e) {
                    throw new UnusableInput("cannot read directory " + name + ": " + e.getMessage());
                }
                continue;
            }
            inputs.add(readFile(path));
        }
        return inputs;
    }

    private static boolean isManifest(Path p) {
        String n = p.getFileName().toString().toLowerCase();
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static Input readFile(Path path) throws UnusableInput {
        try {
            return new Input(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UnusableInput("no such file: " + path);
        } catch (IOException e) {
            throw new UnusableInput("cannot read " + path + ": " + e.getMessage());
        }
    }
}
