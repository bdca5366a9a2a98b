package digits.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChildJvmTest {
  private static String filter(String stderr) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TensorFlowLog.filter(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void dropsAbseilsInformationAndWarningLinesAndKeepsEverythingElseByteForByte() {
    String noise = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
        + "I0000 00:00:1795652368.186712   22476 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is "
        + "not enabled\n"
        + "W0000 00:00:1795652368.186712   22476 gpu_device.cc:2344] Cannot dlopen some GPU libraries.\n";
    String kept = "Epoch 1/2 - 3.1s - 1,527 img/s\n"
        + "digits: error: données/ (ünreadable)\n"
        + "\rEpoch 1/2  40% loss 0.31\rEpoch 1/2  80% loss 0.22\n"
        + "INFO is not a log line\n"
        + "no newline at the end";
    assertEquals(kept, filter(noise + kept.substring(0, 31) + noise + kept.substring(31)));
  }

  @Test
  void onlyCommandsThatLoadTensorFlowStartASecondJvm() {
    // In the test JVM the child marker and the level are unset only where the environment leaves them so.
    boolean free = System.getenv(ChildJvm.CHILD_VARIABLE) == null && System.getenv(TensorFlowLog.LEVEL_VARIABLE) == null;
    org.junit.jupiter.api.Assertions.assertEquals(free, ChildJvm.wanted(new String[] {"predict", "x.png"}));
    org.junit.jupiter.api.Assertions.assertEquals(free, ChildJvm.wanted(new String[0]), "no command: train");
    org.junit.jupiter.api.Assertions.assertFalse(ChildJvm.wanted(new String[] {"--help"}));
    org.junit.jupiter.api.Assertions.assertFalse(ChildJvm.wanted(new String[] {"train", "-h"}));
    org.junit.jupiter.api.Assertions.assertFalse(ChildJvm.wanted(new String[] {"prepare", "x.png"}));
    org.junit.jupiter.api.Assertions.assertFalse(ChildJvm.wanted(new String[] {"fetch", "--dataset", "mnist"}));
    org.junit.jupiter.api.Assertions.assertFalse(ChildJvm.wanted(new String[] {"predict", "--verbose", "x.png"}));
  }
}
