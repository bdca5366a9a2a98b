package digits.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: wires the process's streams and exit code to {@link DigitsCommand}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (ChildJvm.wanted(args)) {
      try {
        System.exit(ChildJvm.run(args));
      } catch (java.io.IOException e) {
        if (ChildJvm.needsSpark(java.util.Arrays.asList(args))) {
          System.err.println("digits: error: " + e.getMessage()); // Spark is only on the child's class path
          System.exit(1);
        }
        // no second JVM could start: run here, TensorFlow's log lines and all
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        System.exit(1);
      }
    }
    ChildJvm.followParent();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command line and returns the exit code: 0 success, 1 runtime failure, 2 usage error. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new DigitsCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler((e, args) -> {
      CommandLine command = e.getCommandLine();
      command.getErr().println("digits: error: " + e.getMessage());
      command.getErr().println("digits: try '" + command.getCommandSpec().qualifiedName() + " --help'");
      command.getErr().flush();
      return CommandLine.ExitCode.USAGE;
    });
    return cli;
  }
}
