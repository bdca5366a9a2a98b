package digits.train;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** What TensorFlow can compute on in this process. */
public final class Devices {
  private Devices() {}

  /**
   * True when an op pinned to the first GPU runs (soft placement off, so it cannot fall back to the CPU): the
   * native library was built with CUDA and a usable device, driver and libraries are present.
   */
  public static boolean gpuUsable() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph).withDevice(DeviceSpec.newBuilder()
          .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
      var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
      ConfigProto config = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
      try (Session session = new Session(graph, config); var result = session.runner().fetch(sum).run()) {
        return result.size() == 1;
      }
    } catch (RuntimeException e) {
      return false;
    }
  }
}
