package digits.predict;

import digits.inference.SavedModelClassifier;
import digits.inference.SavedModelLineReader;
import digits.predict.ink.MnistPreprocessor;
import digits.predict.ink.UnreadableImageException;
import digits.predict.search.ReadingPrior;
import digits.predict.segment.LineInput;
import digits.predict.search.ReadingSearch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The models' part of reading: the inputs of prepared images scored in shared calls of the digit model and of the
 * line model, in two rounds where there is a line model ({@link #score}). Counts the work it does.
 */
final class Scoring {
  /** Inputs per model call at most: bounds the memory a large batch of images takes. */
  private static final int MAX_BATCH = 1024;

  private final SavedModelClassifier model;
  /** The line model, or null. */
  private final SavedModelLineReader lines;
  private final ModelWork.Counter counted;

  Scoring(SavedModelClassifier model, SavedModelLineReader lines, ModelWork.Counter counted) {
    this.model = model;
    this.lines = lines;
    this.counted = counted;
  }

  /**
   * Scores the inputs of every prepared image in shared model calls. With a line model, in two rounds: first each
   * line's whole glyphs and the line model; then every other candidate of the lines that round does not settle
   * ({@link ReadingChoice#settled}: the line model reads what the glyphs read, and every digit is clear), scored
   * together (and prepared first, on all cores, where {@link DigitRecognizer#prepare} left them). About half of the
   * development set's zip codes are settled in the first round, with a tenth of the candidates.
   */
  List<DigitRecognizer.Scored> score(List<DigitRecognizer.Prepared> prepared, ReadingPrior prior) {
    List<DigitRecognizer.Scored> first = firstRound(prepared.stream().map(a -> a.ready() == null ? a
        : new DigitRecognizer.Prepared(a.ready().firstRound(), null)).toList());
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      DigitRecognizer.Scored s = first.get(i);
      PreparedImage p = s.prepared().ready();
      if (p != null && p.candidates().size() < p.all().size() && !settled(s, prior)) {
        open.add(i);
      }
    }
    if (open.isEmpty()) {
      return first;
    }
    List<DigitRecognizer.Prepared> completed = open.parallelStream().map(i -> complete(prepared.get(i).ready()))
        .toList();
    // the second round scores the joins and cuts alone: the glyphs keep their first-round predictions
    List<Map<ReadingSearch.Segment, Prediction>> known = new ArrayList<>();
    List<float[]> inputs = new ArrayList<>();
    for (int k = 0; k < open.size(); k++) {
      DigitRecognizer.Scored s = first.get(open.get(k));
      Map<ReadingSearch.Segment, Prediction> glyphs = new HashMap<>();
      for (int j = 0; j < s.predictions().size(); j++) {
        glyphs.put(s.prepared().ready().candidates().get(j), s.predictions().get(j));
      }
      known.add(glyphs);
      PreparedImage c = completed.get(k).ready();
      for (int j = 0; c != null && j < c.candidates().size(); j++) {
        if (!glyphs.containsKey(c.candidates().get(j))) {
          inputs.add(c.inputs().get(j));
        }
      }
    }
    Iterator<Prediction> fresh = classify(inputs).iterator();
    List<DigitRecognizer.Scored> out = new ArrayList<>(first);
    for (int k = 0; k < open.size(); k++) {
      PreparedImage c = completed.get(k).ready();
      List<Prediction> predictions = new ArrayList<>();
      for (int j = 0; c != null && j < c.candidates().size(); j++) {
        Prediction glyph = known.get(k).get(c.candidates().get(j));
        predictions.add(glyph != null ? glyph : fresh.next());
      }
      out.set(open.get(k), new DigitRecognizer.Scored(completed.get(k), predictions,
          c == null ? null : first.get(open.get(k)).frames()));
    }
    return out;
  }

  /**
   * Whether the first round settles {@code s}'s reading; false when deciding that fails (a bug met on this image:
   * the second round goes on, and the image's own decision reports it, not its batch).
   */
  private static boolean settled(DigitRecognizer.Scored s, ReadingPrior prior) {
    try {
      return ReadingChoice.settled(s.prepared().ready(), s.predictions(), s.frames(), prior);
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }

  /** {@code p} with every candidate prepared ({@link PreparedImage#complete}), or why it cannot be. */
  static DigitRecognizer.Prepared complete(PreparedImage p) {
    try {
      return new DigitRecognizer.Prepared(p.complete(), null);
    } catch (UnreadableImageException e) {
      return new DigitRecognizer.Prepared(null, ReadResult.unreadable(e.getMessage()));
    } catch (RuntimeException | StackOverflowError e) {
      return new DigitRecognizer.Prepared(null, ReadResult.failed(e));
    }
  }

  /** The first round's shared model calls: the digit model on every input, the line model on every line. */
  private List<DigitRecognizer.Scored> firstRound(List<DigitRecognizer.Prepared> prepared) {
    List<float[]> inputs = new ArrayList<>();
    List<PreparedImage> wholeLines = new ArrayList<>();
    for (DigitRecognizer.Prepared a : prepared) {
      if (a.ready() != null) {
        inputs.addAll(a.ready().inputs());
        if (a.ready().line() != null) {
          wholeLines.add(a.ready());
        }
      }
    }
    List<Prediction> predictions = classify(inputs);
    float[] frames = lineFrames(wholeLines);
    int line = 0;
    int at = 0;
    List<DigitRecognizer.Scored> out = new ArrayList<>(prepared.size());
    for (DigitRecognizer.Prepared a : prepared) {
      if (a.ready() == null) {
        out.add(new DigitRecognizer.Scored(a, List.of(), null));
        continue;
      }
      int n = a.ready().inputs().size();
      boolean framed = a.ready().line() != null;
      out.add(new DigitRecognizer.Scored(a, predictions.subList(at, at + n), framed ? frames(frames, line) : null));
      at += n;
      line += framed ? 1 : 0;
    }
    return out;
  }

  /** Line {@code index} of the line model's frames, or null without a line model. */
  private ReadingChoice.Frames frames(float[] logProbs, int index) {
    return logProbs == null ? null : new ReadingChoice.Frames(logProbs, index * lines.frames() * lines.classes(),
        lines.frames(), lines.classes());
  }

  /** The line model's frames for the whole lines of {@code prepared}, one after the other (none without it). */
  private float[] lineFrames(List<PreparedImage> prepared) {
    if (lines == null || prepared.isEmpty()) {
      return null;
    }
    int pixels = LineInput.HEIGHT * LineInput.WIDTH;
    float[] batch = new float[prepared.size() * pixels];
    for (int i = 0; i < prepared.size(); i++) {
      System.arraycopy(prepared.get(i).wholeLine(), 0, batch, i * pixels, pixels);
    }
    counted.lines(prepared.size());
    return lines.logProbabilities(batch, prepared.size());
  }

  /** Predictions for prepared 28x28 inputs (see {@link MnistPreprocessor}). */
  public List<Prediction> classify(List<float[]> inputs) {
    if (inputs.size() > MAX_BATCH) {
      List<Prediction> out = new ArrayList<>(inputs.size());
      for (int from = 0; from < inputs.size(); from += MAX_BATCH) {
        out.addAll(classify(inputs.subList(from, Math.min(inputs.size(), from + MAX_BATCH))));
      }
      return out;
    }
    if (inputs.isEmpty()) {
      return List.of();
    }
    int size = MnistPreprocessor.SIZE * MnistPreprocessor.SIZE;
    float[] batch = new float[inputs.size() * size];
    for (int i = 0; i < inputs.size(); i++) {
      System.arraycopy(inputs.get(i), 0, batch, i * size, size);
    }
    counted.digits(inputs.size());
    SavedModelClassifier.Scores scores = model.scores(batch, inputs.size());
    float[] p = scores.probabilities();
    int k = model.classes();
    List<Prediction> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      float[] row = java.util.Arrays.copyOfRange(p, i * k, (i + 1) * k);
      int best = digits.inference.Predictions.argMax(row, 0, k);
      // a model that can say "not one digit" lowers its confidence in the digit by that much
      out.add(new Prediction(best, row[best] * (1 - scores.notADigit()[i]), row));
    }
    return out;
  }
}
