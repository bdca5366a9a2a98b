package digits.cli;

import digits.train.EpochMetrics;
import digits.train.StepMetrics;
import digits.train.TrainingListener;
import digits.train.TrainingResult;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a bar per epoch with loss, accuracy, images/s and ETA (unless quiet), then one line per
 * epoch with the epoch's metrics.
 */
final class ProgressListener implements TrainingListener {
  private final PrintWriter log;
  private final PrintStream terminal;
  private final boolean bar;
  private int epochs;
  private int stepsPerEpoch;
  private ProgressBar progress;

  ProgressListener(PrintWriter log, PrintStream terminal, boolean bar) {
    this.log = log;
    this.terminal = terminal;
    this.bar = bar;
  }

  @Override
  public void onStart(int epochs, int stepsPerEpoch) {
    this.epochs = epochs;
    this.stepsPerEpoch = stepsPerEpoch;
  }

  @Override
  public void onStep(StepMetrics s) {
    if (!bar) {
      return;
    }
    if (progress == null) {
      progress = new ProgressBarBuilder()
          .setTaskName(String.format("Epoch %d/%d", s.epoch(), epochs))
          .setInitialMax(stepsPerEpoch)
          .setStyle(ProgressBarStyle.ASCII)
          .setSpeedUnit(ChronoUnit.SECONDS)
          .setUpdateIntervalMillis(250)
          .setConsumer(new ConsoleProgressBarConsumer(terminal, 110))
          .build();
    }
    progress.stepTo(s.stepInEpoch());
    progress.setExtraMessage(String.format("loss %.4f acc %.4f %,.0f img/s", s.meanLoss(), s.meanAccuracy(),
        s.imagesPerSecond()));
  }

  @Override
  public void onEpoch(EpochMetrics m) {
    closeBar();
    String val = Double.isNaN(m.validationAccuracy()) ? ""
        : String.format(" - val_loss %.4f - val_accuracy %.4f", m.validationLoss(), m.validationAccuracy());
    log.printf("Epoch %d/%d - %.1fs - %,.0f img/s - loss %.4f - accuracy %.4f%s - lr %.2e%n", m.epoch(), epochs,
        m.epochSeconds(), m.imagesPerSecond(), m.trainLoss(), m.trainAccuracy(), val, m.learningRate());
  }

  @Override
  public void onEnd(TrainingResult result) {
    closeBar();
  }

  private void closeBar() {
    if (progress != null) {
      progress.close();
      progress = null;
    }
  }
}
