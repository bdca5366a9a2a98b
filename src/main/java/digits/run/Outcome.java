package digits.run;

import digits.model.Network;
import digits.train.Evaluation;
import digits.train.TrainingResult;
import java.nio.file.Path;

/**
 * What a finished run reports: the training, validation and test figures, the network, the precision it trained in
 * (resolved: {@code auto} says what it chose on this machine) and the run folder.
 */
public record Outcome(TrainingResult training, Evaluation validation, Evaluation test, Network network,
    digits.inference.Precision precision, Path dir) {}
