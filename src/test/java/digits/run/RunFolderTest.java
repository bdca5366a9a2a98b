package digits.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
  @TempDir Path dir;

  @Test
  void aRunIsFinishedOnlyWhenItsSummarySaysItEndedByItself() throws IOException {
    RunFolder run = new RunFolder(dir);
    assertFalse(run.finished(), "no summary: killed or still running");
    Files.writeString(run.summary(), "stop_reason = interrupted\n");
    assertFalse(run.finished(), "Ctrl-C: resumable");
    Files.writeString(run.summary(), "stop_reason = early_stopped\n");
    assertTrue(run.finished());
    Files.writeString(run.summary(), "stop_reason = completed\n");
    assertTrue(run.finished());
  }

  @Test
  void leftoversOfInterruptedWritesAreRemovedAndCompleteFilesKept() throws IOException {
    Files.writeString(dir.resolve("metrics.csv"), "epoch\n1\n");
    Files.writeString(dir.resolve(".metrics.csv123.tmp"), "epoch\n1\n2");
    Files.createDirectories(dir.resolve(".checkpoint.tmp42/variables"));
    new RunFolder(dir).removeLeftovers();
    try (var files = Files.list(dir)) {
      assertEquals(List.of("metrics.csv"), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void aSecondProcessOnTheSameRunStopsAtOnceNamingTheHolder() throws IOException {
    RunFolder run = new RunFolder(dir.resolve("r"));
    try (RunFolder.Lock held = run.lock()) {
      IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, run::lock);
      assertEquals(dir.resolve("r") + " is in use by another digits process (pid " + ProcessHandle.current().pid()
          + "): wait for it to finish or stop it, then resume", e.getMessage());
    }
    assertEquals(0, Files.size(dir.resolve("r/run.lock")), "released: the file stays, without a holder");
    run.lock().close();
  }
}
