package digits.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code digits}: with no subcommand, trains the default profile (what {@code mvn exec:java} runs). */
@Command(name = "digits", mixinStandardHelpOptions = true, versionProvider = DigitsCommand.Version.class,
    description = "Handwritten digit recognition on TensorFlow Java. With no command: train the default profile.",
    subcommands = {FetchCommand.class, InspectCommand.class, TrainCommand.class, EvaluateCommand.class,
        ExportCommand.class, PredictCommand.class, PrepareCommand.class, ReadBatchCommand.class, ServeCommand.class,
        BenchCommand.class, DevSetCommand.class,
        CommandLine.HelpCommand.class})
final class DigitsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The version the build wrote into {@code digits/version.properties} from the pom. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws java.io.IOException {
      var properties = new java.util.Properties();
      try (var in = DigitsCommand.class.getResourceAsStream("/digits/version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"digits " + properties.getProperty("version", "(unknown version)")};
    }
  }

  @Override
  public Integer call() throws Exception {
    return new CommandLine(new TrainCommand())
        .setOut(spec.commandLine().getOut())
        .setErr(spec.commandLine().getErr())
        .setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler())
        .execute();
  }
}
