package digits.bench;

import digits.data.Batch;
import digits.train.TrainingGraph;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunOptions;

/** Where a training step's time goes: one update run with TensorFlow's full trace, op by op. */
public final class StepTrace {
  /** Time one graph operation took in a traced step: its name, its type, and microseconds from start to end. */
  public record OpTime(String name, String type, long micros) {}

  private StepTrace() {}

  /** Runs one real update on {@code batch} with the trace on (tracing itself slows the step). */
  public static List<OpTime> of(TrainingGraph graph, Batch batch, float rate, long stepNumber, long runSeed) {
    RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    TrainingGraph.Traced traced = graph.train(batch, rate, stepNumber, runSeed, trace);
    List<OpTime> times = new ArrayList<>();
    for (DeviceStepStats device : traced.metadata().getStepStats().getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        times.add(new OpTime(node.getNodeName(), kernel(graph, node), node.getAllEndRelMicros()));
      }
    }
    return times;
  }

  /**
   * The op type that actually ran, from the trace's label {@code "name = Type(inputs)"}: after TensorFlow's
   * graph rewrites it can differ from the graph's (a convolution fused with its bias add, say).
   */
  private static String kernel(TrainingGraph graph, NodeExecStats node) {
    String label = node.getTimelineLabel();
    int eq = label.indexOf(" = ");
    int paren = label.indexOf('(', eq + 3);
    if (eq >= 0 && paren > eq) {
      return label.substring(eq + 3, paren);
    }
    String type = graph.operationType(node.getNodeName());
    return type == null ? node.getNodeName() : type;
  }

  /** Gradient ops are named under "gradients"; updates are Apply* and Assign* kernels; the rest is forward. */
  public static String phase(OpTime op) {
    if (op.name().startsWith("gradients")) {
      return "backward";
    }
    return op.type().matches("(Resource)?Apply.*|Assign.*") ? "update" : "forward";
  }
}
