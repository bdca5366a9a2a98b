package digits.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeErrorsTest {
  private static final Path FILE = Path.of("runs/r/checkpoint/variables");

  private static String describe(String tensorflowText, String doing) {
    return NativeErrors.describe(new RuntimeException(tensorflowText), doing, FILE);
  }

  @Test
  void tensorflowsTextBecomesOneLineNamingTheFileAndWhatToDo() {
    assertEquals("no space left on the device while writing runs/r/checkpoint/variables: free some space, or "
        + "choose another --runs-dir", describe("RESOURCE_EXHAUSTED: runs/r/.checkpoint.tmp1/variables_temp/"
        + "part-00000-of-00001.data-00000-of-00001.tempstate123; No space left on device\n\t [[{{node save/Save}}]]"
        + "\nHint: If you want to see a list of allocated tensors when OOM happens, add report_tensor_allocations_"
        + "upon_oom to RunOptions for current allocation info.", "writing"));
    assertEquals("runs/r/checkpoint/variables is damaged (truncated or overwritten)",
        describe("Read less bytes than requested\n\t [[{{node save/Restore}}]]", "reading"));
    assertEquals("runs/r/checkpoint/variables is damaged (truncated or overwritten)",
        describe("DATA_LOSS: Unable to open table file runs/r/checkpoint/variables.index: not an sstable", "reading"));
    assertEquals("permission denied while writing runs/r/checkpoint/variables",
        describe("PERMISSION_DENIED: runs/r/x; Permission denied", "writing"));
    assertEquals("runs/r/checkpoint/variables is on a read-only file system: choose another --runs-dir",
        describe("FAILED_PRECONDITION: runs/r/x; Read-only file system", "writing"));
    assertEquals("out of memory while reading runs/r/checkpoint/variables: use a smaller batch_size or a machine "
        + "with more memory", describe("OOM when allocating tensor with shape[512,256]", "reading"));
    assertEquals("TensorFlow failed while reading runs/r/checkpoint/variables: INTERNAL: something else",
        describe("INTERNAL: something else [[{{node save/Restore}}]]\nmore", "reading"));
  }
}
