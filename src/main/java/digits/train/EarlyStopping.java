package digits.train;

/** Asks training to stop once {@code patience} epochs in a row have not beaten the best (0: never). */
final class EarlyStopping implements TrainingListener {
  private final int patience;
  private final BestWeights best;

  EarlyStopping(int patience, BestWeights best) {
    this.patience = patience;
    this.best = best;
  }

  @Override
  public boolean wantsToStop() {
    return patience > 0 && best.sinceBest() >= patience;
  }
}
