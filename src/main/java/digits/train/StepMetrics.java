package digits.train;

/**
 * One training step's figures, as running means over the epoch so far.
 *
 * @param epoch 1-based epoch
 * @param stepInEpoch 1-based step within the epoch
 * @param meanLoss mean training loss of the epoch's steps so far
 * @param meanAccuracy mean training accuracy of the epoch's steps so far
 * @param imagesPerSecond training images per second in this epoch so far
 */
public record StepMetrics(int epoch, int stepInEpoch, double meanLoss, double meanAccuracy, double imagesPerSecond) {}
