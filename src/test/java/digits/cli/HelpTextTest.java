package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's {@code --help} renders: no description that picocli cannot format (a bare '%', say). */
class HelpTextTest {
  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, into));
  }

  @Test
  void everyCommandsHelpRendersWithoutAWarning() {
    List<CommandLine> commands = new ArrayList<>();
    collect(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), commands);
    PrintStream before = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      for (CommandLine c : commands) {
        StringWriter help = new StringWriter();
        c.usage(new PrintWriter(help));
        assertFalse(help.toString().isBlank(), c.getCommandName());
      }
    } finally {
      System.setErr(before);
    }
    assertEquals("", warnings.toString(StandardCharsets.UTF_8), "picocli's warnings while rendering help");
  }
}
