package digits.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuLibrariesTest {
  @TempDir Path dir;

  @Test
  void namesEachMissingLibraryAndWhatProvidesIt() throws Exception {
    Path cuda = Files.createDirectories(dir.resolve("cuda"));
    for (String lib : List.of("libcudart.so.12", "libcublas.so.12", "libcublasLt.so.12", "libcufft.so.11",
        "libcusolver.so.11", "libcusparse.so.12")) {
      Files.writeString(cuda.resolve(lib), "");
    }
    Set<String> missing = GpuLibraries.missing(List.of(dir.resolve("nothing"), cuda), Set.of("libcuda.so.1"));
    assertEquals(Set.of("libcudnn.so.9"), missing, "the driver from the loader cache, CUDA from the folder");
    String line = GpuLibraries.explain(missing, true);
    assertTrue(line.startsWith("missing libcudnn.so.9 (cuDNN 9)"), line);
    assertEquals(GpuLibraries.REQUIRED.keySet(), GpuLibraries.missing(List.of(dir), Set.of()));
    assertTrue(GpuLibraries.explain(Set.of(), false).contains("-Pgpu"));
    assertTrue(GpuLibraries.explain(Set.of(), true).contains("nvidia-smi"));
  }

  @Test
  void ldLibraryPathComesFirst() {
    List<Path> path = GpuLibraries.searchPath("/opt/cuda/lib64::/opt/cudnn/lib");
    assertEquals(List.of(Path.of("/opt/cuda/lib64"), Path.of("/opt/cudnn/lib")), path.subList(0, 2));
    assertTrue(path.contains(Path.of("/usr/local/cuda/lib64")));
  }
}
