package digits.run;

import digits.model.Network;
import digits.train.Evaluation;
import digits.train.TrainingResult;
import java.nio.file.Path;

/** What a finished run reports: the training, validation and test figures, the network and the run folder. */
public record Outcome(TrainingResult training, Evaluation validation, Evaluation test, Network network, Path dir) {}
