package digits.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code read-batch --overwrite} never loses the previous output, whichever rename fails. */
class OutputCommitTest {
  @TempDir Path dir;

  /** A local file system whose renames fail (return false) where {@code refused} says so. */
  private static FileSystem refusing(java.util.function.BiPredicate<String, String> refused) throws IOException {
    return new FilterFileSystem(FileSystem.getLocal(new Configuration()).getRaw()) {
      @Override
      public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
        return !refused.test(src.getName(), dst.getName()) && super.rename(src, dst);
      }
    };
  }

  private List<Path> movedAside() throws IOException {
    try (var list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().startsWith(".out.old-")).toList();
    }
  }

  private org.apache.hadoop.fs.Path folder(String name, String rows) throws IOException {
    Path f = Files.createDirectories(dir.resolve(name));
    Files.writeString(f.resolve("part-0.csv"), rows);
    return new org.apache.hadoop.fs.Path(f.toAbsolutePath().toString());
  }

  private static String rows(org.apache.hadoop.fs.Path folder) throws IOException {
    return Files.readString(Path.of(folder.toUri().getPath()).resolve("part-0.csv"));
  }

  @Test
  void aFailedRestoreKeepsBothFoldersAndSaysWhereTheyAre() throws Exception {
    org.apache.hadoop.fs.Path output = folder("out", "old rows");
    org.apache.hadoop.fs.Path staging = folder(".out.writing-1", "new rows");
    // the previous output moves aside; then nothing may be renamed to "out" again
    FileSystem fs = refusing((src, dst) -> dst.equals("out"));
    ReadBatchJob.RowsKeptException e = assertThrows(ReadBatchJob.RowsKeptException.class,
        () -> ReadBatchJob.commit(fs, staging, output, true));
    List<Path> aside = movedAside();
    assertEquals(1, aside.size(), "the previous output, moved aside");
    assertEquals("old rows", Files.readString(aside.get(0).resolve("part-0.csv")));
    assertEquals("new rows", rows(staging), "the new rows stay where they were written");
    assertTrue(e.getMessage().contains(aside.get(0).getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(staging.getName()), e.getMessage());
  }

  @Test
  void whenTheNewRowsCannotMoveThePreviousOutputIsPutBack() throws Exception {
    org.apache.hadoop.fs.Path output = folder("out", "old rows");
    org.apache.hadoop.fs.Path staging = folder(".out.writing-1", "new rows");
    FileSystem fs = refusing((src, dst) -> src.startsWith(".out.writing"));
    IOException e = assertThrows(IOException.class, () -> ReadBatchJob.commit(fs, staging, output, true));
    assertFalse(e instanceof ReadBatchJob.RowsKeptException);
    assertTrue(e.getMessage().endsWith("(the previous output is back in place)"), e.getMessage());
    assertEquals("old rows", rows(output));
    assertEquals(List.of(), movedAside());
  }

  @Test
  void withoutOverwriteAnExistingOutputIsLeftAlone() throws Exception {
    org.apache.hadoop.fs.Path output = folder("out", "old rows");
    org.apache.hadoop.fs.Path staging = folder(".out.writing-1", "new rows");
    assertThrows(ReadBatchJob.OutputExistsException.class,
        () -> ReadBatchJob.commit(refusing((src, dst) -> false), staging, output, false));
    assertEquals("old rows", rows(output));
  }

  @Test
  void overwritingReplacesThePreviousOutputAndLeavesNothingAside() throws Exception {
    org.apache.hadoop.fs.Path output = folder("out", "old rows");
    org.apache.hadoop.fs.Path staging = folder(".out.writing-1", "new rows");
    ReadBatchJob.commit(refusing((src, dst) -> false), staging, output, true);
    assertEquals("new rows", rows(output));
    assertEquals(List.of(), movedAside());
  }
}
