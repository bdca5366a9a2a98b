package digits.train;

import digits.data.Batch;
import digits.data.Batches;
import java.util.Map;

/**
 * What {@link Trainer}'s loop trains: a model that takes one scheduled update per batch, is scored on held-out
 * batches after each epoch, and hands over and takes back its weights ({@link TrainingGraph} for the digit model;
 * {@link LineGraph} for the line model, through an adapter that scores its readings of whole lines).
 */
public interface Learner {
  /**
   * What one training step reports.
   *
   * @param loss the batch's mean loss
   * @param correct how many of the batch's items the step got right, or -1 where the step measures no accuracy
   */
  record StepResult(float loss, int correct) {}

  /**
   * One update on {@code batch} at learning rate {@code rate}; {@code stepNumber} (1-based) and {@code runSeed}
   * key the dropout masks.
   */
  StepResult train(Batch batch, float rate, long stepNumber, long runSeed);

  /** The score on {@code data} (its first epoch), inference pass. */
  Evaluation evaluate(Batches data);

  /** A copy of the weights inference uses, by name: what gets exported. */
  Map<String, float[]> weights();

  /** Sets the weights to {@code values}, as {@link #weights} gave them. */
  void setWeights(Map<String, float[]> values);
}
