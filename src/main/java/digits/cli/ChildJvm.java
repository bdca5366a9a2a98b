package digits.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the program again in a child JVM, for two reasons, decided here ({@link #wanted}): to keep TensorFlow quiet
 * ({@link TensorFlowLog}: unless {@code --verbose}, the child gets TensorFlow's level set before its native library
 * loads and its stderr filtered), and for {@code read-batch}, to put Apache Spark's jars on the child's class path
 * only. Standard input and output pass straight through; the exit code is the child's; a terminate signal to this
 * process stops the child gracefully, and a child whose parent dies stops as SIGTERM would stop it.
 */
final class ChildJvm {
  /** Set in the child, so that it runs the command itself. */
  static final String CHILD_VARIABLE = "DIGITS_CHILD";

  private ChildJvm() {}

  /** Commands that never load TensorFlow: no second JVM for them. */
  private static final java.util.Set<String> WITHOUT_TENSORFLOW = java.util.Set.of("fetch", "inspect", "prepare",
      "devset", "help");
  private static final java.util.Set<String> HELP = java.util.Set.of("-h", "--help", "-V", "--version");

  /**
   * Whether to run in a quiet child: not already one, not verbose, the user has not set the level, not started by
   * spark-submit (whose settings live in this JVM), and the command loads TensorFlow at all (help, version and the
   * data commands start no second JVM).
   */
  static boolean wanted(String[] args) {
    List<String> list = Arrays.asList(args);
    String command = command(list);
    if (needsSpark(list)) {
      return System.getenv(CHILD_VARIABLE) == null && System.getProperty("spark.master") == null;
    }
    return System.getenv(CHILD_VARIABLE) == null && System.getenv(TensorFlowLog.LEVEL_VARIABLE) == null
        && System.getProperty("spark.master") == null
        && !list.contains("--verbose") && list.stream().noneMatch(HELP::contains)
        && !WITHOUT_TENSORFLOW.contains(command);
  }

  /**
   * In the child: when the parent goes (killed with SIGKILL, say, which it cannot pass on), stop as SIGTERM
   * would stop it, so that no orphan goes on writing into a run folder that someone may start again.
   */
  static void followParent() {
    if (System.getenv(CHILD_VARIABLE) != null) {
      ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(143)));
    }
  }

  private static String command(List<String> args) {
    return args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
  }

  /**
   * Whether the command needs Apache Spark, which stays off the program's own class path (so that no other
   * command loads or even lists its 190 jars): it always runs in a child whose class path adds them, quiet or not.
   */
  static boolean needsSpark(List<String> args) {
    return command(args).equals("read-batch") && args.stream().noneMatch(HELP::contains);
  }

  /** The jars only read-batch needs: {@code spark-lib/} beside the program's jar or classes folder. */
  private static String sparkClassPath() throws IOException {
    Path here;
    try {
      here = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException | IllegalArgumentException | NullPointerException e) {
      throw new IOException("cannot tell where the program's files are, so cannot find Spark's jars", e);
    }
    Path lib = here.getParent().resolve("spark-lib");
    List<String> jars = new ArrayList<>();
    if (java.nio.file.Files.isDirectory(lib)) {
      try (var list = java.nio.file.Files.list(lib)) {
        list.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toString()));
      }
    }
    if (jars.isEmpty()) {
      throw new IOException(lib + " holds no Spark jars: build the program with `mvn package -DskipTests` "
          + "(bin/digits does) or run `mvn compile exec:java`");
    }
    return String.join(java.io.File.pathSeparator, jars);
  }

  /** Runs {@code args} in the child and returns its exit code. */
  static int run(String[] args) throws IOException, InterruptedException {
    List<String> list = Arrays.asList(args);
    boolean quiet = System.getenv(TensorFlowLog.LEVEL_VARIABLE) == null && !list.contains("--verbose");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String option : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("-X")) {
        command.add(option); // memory and collector settings; not a host's (Maven's) other options
      }
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("digits.")) { // the program's own, from -D or from the exec plugin
        command.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    command.add("-cp");
    command.add(needsSpark(list) ? classPath() + java.io.File.pathSeparator + sparkClassPath() : classPath());
    command.add(Main.class.getName());
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    if (quiet) {
      builder.environment().put(TensorFlowLog.LEVEL_VARIABLE, "2");
    }
    builder.environment().put(CHILD_VARIABLE, "1");
    Process child = builder.start();
    Thread stop = new Thread(() -> {
      child.destroy(); // SIGTERM: the child drains and writes what it must, as it would alone
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "digits-stop-child");
    Runtime.getRuntime().addShutdownHook(stop);
    Thread errors = new Thread(() -> {
      if (quiet) {
        TensorFlowLog.filter(child.getErrorStream(), System.err);
      } else {
        copy(child.getErrorStream(), System.err);
      }
    }, "digits-child-stderr");
    errors.start();
    int code = child.waitFor();
    errors.join();
    try {
      Runtime.getRuntime().removeShutdownHook(stop);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs and finds the child gone
    }
    return code;
  }

  /** This program's class path: the JVM's own, or the class loader's when a host (Maven) runs it inside itself. */
  private static String classPath() {
    if (Main.class.getClassLoader() instanceof URLClassLoader loader && loader != ClassLoader.getSystemClassLoader()) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
          // not a local file: cannot be on a command line
        }
      }
      return String.join(java.io.File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }

  private static void copy(InputStream in, OutputStream out) {
    try {
      in.transferTo(out);
      out.flush();
    } catch (IOException e) {
      // the child is gone or our stderr is closed
    }
  }

}
