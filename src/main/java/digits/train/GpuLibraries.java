package digits.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared libraries that TensorFlow 2.18's CUDA build (inside TensorFlow Java 1.1.0's linux-x86_64-gpu native
 * library) opens at start, and which of them this machine lacks. TensorFlow itself, missing one, quietly runs on
 * the CPU; naming the missing file is what tells a user what to install.
 */
public final class GpuLibraries {
  /** File name, and what provides it. */
  public static final Map<String, String> REQUIRED = required();

  private GpuLibraries() {}

  private static Map<String, String> required() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("libcuda.so.1", "the NVIDIA driver");
    m.put("libcudart.so.12", "CUDA 12 runtime");
    m.put("libcublas.so.12", "CUDA 12 cuBLAS");
    m.put("libcublasLt.so.12", "CUDA 12 cuBLAS");
    m.put("libcufft.so.11", "CUDA 12 cuFFT");
    m.put("libcusolver.so.11", "CUDA 12 cuSOLVER");
    m.put("libcusparse.so.12", "CUDA 12 cuSPARSE");
    m.put("libcudnn.so.9", "cuDNN 9");
    return Map.copyOf(m);
  }

  /** The folders the dynamic loader searches here: LD_LIBRARY_PATH, then the usual system and CUDA folders. */
  public static List<Path> searchPath(String ldLibraryPath) {
    List<Path> dirs = new ArrayList<>();
    if (ldLibraryPath != null) {
      for (String d : ldLibraryPath.split(":")) {
        if (!d.isBlank()) {
          dirs.add(Path.of(d));
        }
      }
    }
    for (String d : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/cuda/lib64",
        "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib")) {
      dirs.add(Path.of(d));
    }
    return dirs;
  }

  /** The required libraries found in none of {@code dirs} nor in the loader's cache listing {@code cached}. */
  public static Set<String> missing(List<Path> dirs, Set<String> cached) {
    Set<String> missing = new TreeSet<>();
    for (String lib : REQUIRED.keySet()) {
      if (!cached.contains(lib) && dirs.stream().noneMatch(d -> Files.exists(d.resolve(lib)))) {
        missing.add(lib);
      }
    }
    return missing;
  }

  /** The required libraries this machine lacks (its loader cache, from {@code ldconfig -p}, included). */
  public static Set<String> missingHere() {
    return missing(searchPath(System.getenv("LD_LIBRARY_PATH")), loaderCache());
  }

  /** Library names in {@code ldconfig -p}'s listing; empty where there is no ldconfig. */
  static Set<String> loaderCache() {
    Set<String> names = new TreeSet<>();
    for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
      if (!Files.isExecutable(Path.of(ldconfig))) {
        continue;
      }
      try {
        Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).lines()) {
          lines.map(String::strip).filter(l -> l.contains(" => ")).map(l -> l.substring(0, l.indexOf(' ')))
              .forEach(names::add);
        }
        p.waitFor();
        break;
      } catch (IOException e) {
        // no listing: the folders alone decide
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return names;
  }

  /** One line for a user whose GPU is not used: what is missing and what provides it, or what else to check. */
  public static String explain(Set<String> missing, boolean cudaBuild) {
    if (!cudaBuild) {
      return "the CPU build of TensorFlow is on the class path: build with -Pgpu (mvn -Pgpu compile exec:java, "
          + "or DIGITS_MAVEN_OPTS=-Pgpu bin/digits)";
    }
    if (missing.isEmpty()) {
      return "the CUDA libraries are all present; check that nvidia-smi sees a GPU and that the driver supports "
          + "CUDA 12.5";
    }
    Set<String> what = new TreeSet<>();
    missing.forEach(lib -> what.add(REQUIRED.get(lib)));
    return "missing " + String.join(", ", missing) + " (" + String.join(", ", what) + "); see docs/gpu.md";
  }
}
