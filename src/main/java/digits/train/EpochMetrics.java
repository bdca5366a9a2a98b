package digits.train;

/** What one epoch measured. Validation values are NaN when there is no validation split. */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
    double validationAccuracy, double learningRate, double epochSeconds, double imagesPerSecond) {}
