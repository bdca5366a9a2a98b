package digits.train;

import digits.data.Augmentation;
import digits.data.Normalization;
import digits.inference.Precision;
import digits.model.Architecture;
import digits.model.Network;
import java.util.Objects;

/**
 * A complete training recipe, what a {@code profiles/*.properties} file resolves to, grouped by concern.
 *
 * @param data what the network learns from
 * @param architecture the network
 * @param augmentation random distortions of training images
 * @param optimization how the weights move
 * @param loop how long training runs and how each step computes
 * @param lineSteps steps (64 lines each) that train a line model after the network ({@code LineGraph}), which
 *     the reader uses to weigh its readings of a whole line, in {@link #LINE_EPOCHS} epochs of equal steps; 0 for
 *     none
 * @param seed drives split, shuffle, augmentation, initial weights and dropout
 */
public record TrainingConfig(Data data, Architecture architecture, Augmentation augmentation,
    Optimization optimization, Loop loop, int lineSteps, long seed) {

  /**
   * What the network learns from.
   *
   * @param dataset dataset name or folder (see {@code Datasets.load})
   * @param validationSplit share of the training set held out (stratified) for validation; 0 for none
   * @param fontDigits digits drawn in handwriting fonts added to the training split ({@code FontDigits}); 0 for
   *     none
   * @param usps a file of USPS digits ({@code UspsDigits}) whose training part joins the training split, real
   *     writers from envelopes; empty for none
   * @param uspsCopies how many times each of those digits joins (each copy is distorted anew by augmentation)
   * @param searchPieces pieces of lines of training digits, cut and labelled as the reader's search sees them
   *     ({@code SearchPieces}), added to the training split; 0 for none; needs the non-digit class
   * @param standardize standardize inputs inside the graph with the training split's pixel mean and std
   */
  public record Data(String dataset, double validationSplit, int fontDigits, String usps, int uspsCopies,
      int searchPieces, boolean standardize) {
    public Data {
      Objects.requireNonNull(dataset, "dataset");
      Objects.requireNonNull(usps, "usps");
      if (!(validationSplit >= 0 && validationSplit < 1)) {
        throw new IllegalArgumentException("Expected validation_split in [0, 1), received " + validationSplit);
      }
      if (fontDigits < 0 || fontDigits > 1_000_000) {
        throw new IllegalArgumentException("Expected font_digits in [0, 1000000], received " + fontDigits);
      }
      if (uspsCopies < 1 || uspsCopies > 100) {
        throw new IllegalArgumentException("Expected usps_copies in [1, 100], received " + uspsCopies);
      }
      if (searchPieces < 0 || searchPieces > 1_000_000) {
        throw new IllegalArgumentException("Expected search_pieces in [0, 1000000], received " + searchPieces);
      }
    }
  }

  /**
   * How the weights move.
   *
   * @param optimizer update rule and its hyperparameters
   * @param schedule learning-rate curve over the run
   * @param labelSmoothing cross-entropy label smoothing in [0, 1)
   * @param emaDecay decay of an exponential moving average of the weights, in [0, 1); validation, test and export
   *     use the average; 0 turns it off
   */
  public record Optimization(OptimizerConfig optimizer, Schedule schedule, double labelSmoothing, double emaDecay) {
    public Optimization {
      Objects.requireNonNull(optimizer, "optimizer");
      Objects.requireNonNull(schedule, "schedule");
      if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
        throw new IllegalArgumentException("Expected label_smoothing in [0, 1), received " + labelSmoothing);
      }
      if (!(emaDecay >= 0 && emaDecay < 1)) {
        throw new IllegalArgumentException("Expected ema_decay in [0, 1), received " + emaDecay);
      }
    }

    /** The learning rate at {@code step} (0-based) of {@code totalSteps}, epochs of {@code stepsPerEpoch}. */
    public double rate(long step, int stepsPerEpoch, long totalSteps) {
      return schedule.rate(optimizer.learningRate(), step, stepsPerEpoch, totalSteps);
    }
  }

  /**
   * How long training runs and how each step computes.
   *
   * @param epochs maximum number of passes over the training split
   * @param batchSize images per step
   * @param patience stop when validation accuracy has not improved for this many epochs; 0 never stops early
   * @param restoreBest end with the weights of the epoch with the best validation accuracy
   * @param prefetch batches prepared ahead on a background thread
   * @param precision the number format training computes in ({@link Precision#AUTO}: mixed bfloat16 where the
   *     CPU computes it natively)
   */
  public record Loop(int epochs, int batchSize, int patience, boolean restoreBest, int prefetch,
      Precision precision) {
    public Loop {
      if (epochs < 1) {
        throw new IllegalArgumentException("Expected epochs >= 1, received " + epochs);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("Expected batch_size >= 1, received " + batchSize);
      }
      if (patience < 0) {
        throw new IllegalArgumentException("Expected patience >= 0, received " + patience);
      }
      if (prefetch < 0) {
        throw new IllegalArgumentException("Expected prefetch >= 0, received " + prefetch);
      }
      Objects.requireNonNull(precision, "precision");
    }
  }

  /** The line model's steps are cut into this many epochs: its schedule's unit and how often it is checked. */
  public static final int LINE_EPOCHS = 10;

  public TrainingConfig {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(augmentation, "augmentation");
    Objects.requireNonNull(optimization, "optimization");
    Objects.requireNonNull(loop, "loop");
    if (lineSteps < 0 || lineSteps > 1_000_000 || lineSteps % LINE_EPOCHS != 0) {
      throw new IllegalArgumentException("Expected line_steps in [0, 1000000], a multiple of " + LINE_EPOCHS
          + " (the line model trains in " + LINE_EPOCHS + " epochs of equal steps), received " + lineSteps);
    }
    if (data.searchPieces() > 0 && !(augmentation.nonDigits() > 0)) {
      throw new IllegalArgumentException("search_pieces needs augment.non_digits above 0 (the pieces include ink "
          + "that is not one digit, which only a network with the non-digit output can learn)");
    }
  }

  /**
   * The network this recipe trains on {@code height x width} images of {@code classes} classes. The architecture
   * declares its outputs: one more than the classes (a last {@code dense(11)} for digits) is the output for "not
   * one digit", which only non-digit images ({@code augment.non_digits}) train, so the two go together.
   *
   * @throws IllegalArgumentException when the outputs and the non-digit images disagree, naming both settings
   */
  public Network network(int height, int width, int classes, Normalization input) {
    long outputs = architecture.outputs(new long[] {height, width, 1});
    boolean nonDigit = outputs == classes + 1;
    if (nonDigit && !(augmentation.nonDigits() > 0)) {
      throw new IllegalArgumentException("The architecture declares a non-digit output (" + outputs + " outputs "
          + "for " + classes + " classes) that nothing trains: set augment.non_digits above 0, or end it in dense("
          + classes + ")");
    }
    if (!nonDigit && augmentation.nonDigits() > 0) {
      throw new IllegalArgumentException("augment.non_digits needs the architecture's non-digit output: end it in "
          + "dense(" + (classes + 1) + ") (it ends in " + outputs + " outputs)");
    }
    return new Network(architecture, height, width, classes, input, nonDigit);
  }
}
