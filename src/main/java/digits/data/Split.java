package digits.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stratified split of a labelled set into training and validation indices: each class gives the same fraction
 * of its images to validation, chosen at random by the seed. Both index arrays are sorted.
 */
public record Split(int[] train, int[] validation) {

  /**
   * Splits {@code data} so that about {@code validationFraction} of each class goes to validation
   * (54,000 / 6,000 for MNIST's training set at 0.1).
   */
  public static Split stratified(LabeledImages data, double validationFraction, long seed) {
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("Expected a validation fraction in [0, 1), received " + validationFraction);
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < data.classes(); c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < data.size(); i++) {
      byClass.get(data.label(i)).add(i);
    }
    int total = (int) Math.round(data.size() * validationFraction);
    int[] validation = new int[total];
    int taken = 0;
    SplittableRandom random = new SplittableRandom(seed);
    double exact = 0;
    for (List<Integer> members : byClass) {
      // Largest-remainder rounding so the class shares add up to exactly `total`.
      exact += members.size() * validationFraction;
      int upTo = (int) Math.min(Math.round(exact), total);
      int[] shuffled = members.stream().mapToInt(Integer::intValue).toArray();
      Shuffle.inPlace(shuffled, random);
      int n = Math.min(upTo - taken, shuffled.length);
      System.arraycopy(shuffled, 0, validation, taken, n);
      taken += n;
    }
    validation = Arrays.copyOf(validation, taken);
    Arrays.sort(validation);
    boolean[] isValidation = new boolean[data.size()];
    for (int i : validation) {
      isValidation[i] = true;
    }
    int[] train = new int[data.size() - taken];
    for (int i = 0, t = 0; i < data.size(); i++) {
      if (!isValidation[i]) {
        train[t++] = i;
      }
    }
    return new Split(train, validation);
  }
}
