package digits.train;

import digits.data.Batch;
import digits.data.Batches;
import digits.inference.Predictions;

/** Loss and accuracy of the inference pass over a whole pipeline. */
public record Evaluation(double loss, double accuracy, int count) {

  static Evaluation of(TrainingGraph graph, Batches data) {
    int classes = graph.network().classes();
    double lossSum = 0;
    long correct = 0;
    int count = 0;
    try (Batches.Stream batches = data.epoch(0)) {
      while (batches.hasNext()) {
        Batch batch = batches.next();
        float[] p = graph.predict(batch);
        lossSum += Predictions.crossEntropySum(p, batch.labels(), classes);
        correct += Predictions.correct(p, batch.labels(), classes);
        count += batch.size();
      }
    }
    return new Evaluation(lossSum / count, (double) correct / count, count);
  }
}
