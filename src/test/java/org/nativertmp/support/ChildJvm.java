package org.nativertmp.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a main class of the test classpath in a JVM of its own, so that a crash in native code
 * is a failed test and not the end of the test run. The child's working directory is a fresh
 * folder, where a crash leaves its hs_err file (-XX:ErrorFile) and nothing else.
 */
public final class ChildJvm {
    /** What the child did: its exit code (-1 when it had to be killed), output and crash logs. */
    public record Result(int exit, String stdout, String stderr, List<Path> crashLogs) {
        public boolean crashed() {
            return !crashLogs.isEmpty() || stderr.contains("SIGSEGV") || stderr.contains("SIGABRT")
                    || exit == 134 || exit == 139;
        }

        @Override
        public String toString() {
            return "exit " + exit + (crashLogs.isEmpty() ? "" : ", crash logs " + crashLogs)
                    + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private ChildJvm() {
    }

    public static Result run(Path workDir, long timeoutSeconds, List<String> jvmOptions, Class<?> main,
                             String... args) throws IOException, InterruptedException {
        return run(Path.of(System.getProperty("java.home")), workDir, timeoutSeconds, jvmOptions, main, args);
    }

    /** As {@link #run(Path, long, List, Class, String...)}, in the JDK at {@code javaHome}. */
    public static Result run(Path javaHome, Path workDir, long timeoutSeconds, List<String> jvmOptions,
                             Class<?> main, String... args) throws IOException, InterruptedException {
        return run(javaHome, workDir, timeoutSeconds, Map.of(), jvmOptions, main, args);
    }

    /** As {@link #run(Path, Path, long, List, Class, String...)}, with {@code environment} added to this one's. */
    public static Result run(Path javaHome, Path workDir, long timeoutSeconds, Map<String, String> environment,
                             List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.add("-XX:ErrorFile=" + workDir.toAbsolutePath().resolve("hs_err_pid%p.log"));
        // How the library waits (org.nativertmp.virtualThreadWaits=engine-all runs a suite on the
        // engine): the child waits the same way.
        String waits = System.getProperty("org.nativertmp.virtualThreadWaits");
        if (waits != null && jvmOptions.stream().noneMatch(o -> o.startsWith("-Dorg.nativertmp.virtualThreadWaits="))) {
            command.add("-Dorg.nativertmp.virtualThreadWaits=" + waits);
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process p = builder.directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit;
        if (p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            exit = p.exitValue();
        } else {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            exit = -1;
        }
        List<Path> crashLogs;
        try (Stream<Path> files = Files.list(workDir)) {
            crashLogs = files.filter(f -> f.getFileName().toString().startsWith("hs_err")
                    || f.getFileName().toString().startsWith("core")).toList();
        }
        return new Result(exit, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), crashLogs);
    }
}
