package digits.data;

/**
 * A batch ready to feed: {@code images} is {@code [size, height, width, 1]} float32 row-major (in [0, 1] unless
 * standardized), {@code labels} the class of each image (for lines of digits: a fixed number of slots per line,
 * its digits, then -1).
 */
public record Batch(float[] images, int[] labels, int size, int height, int width) {}
