package digits.inference;

/**
 * The names of the exported model's {@code serving_default} signature: the contract between the exporter, the
 * Java readers of a SavedModel, and Python's {@code tf.saved_model.load(dir).signatures["serving_default"]}.
 *
 * <p>Input {@value #IMAGE}: float32 {@code [-1, 28, 28, 1]}, pixels in [0, 1] with 1 = full ink (MNIST's
 * bytes divided by 255); standardization happens inside the graph. Outputs {@value #PROBABILITIES} float32
 * {@code [-1, 10]}, {@value #LOGITS} float32 {@code [-1, 10]}, {@value #CLASS} int64 {@code [-1]}; and, from
 * models trained with non-digit images, {@value #NOT_A_DIGIT} float32 {@code [-1]}: the probability that the image
 * is not one digit (then {@value #PROBABILITIES} are the digits' probabilities given that it is one).
 *
 * <p>A line model ({@code line_model/} beside {@code saved_model/}) takes {@value #IMAGE} float32
 * {@code [-1, 24, 192, 1]}, a whole line of digits, and gives {@value #LOG_PROBS}.
 */
public final class ServingSignature {
  public static final String KEY = "serving_default";
  public static final String TAG = "serve";
  public static final String METHOD = "tensorflow/serving/predict";
  public static final String IMAGE = "image";
  public static final String PROBABILITIES = "probabilities";
  public static final String LOGITS = "logits";
  public static final String CLASS = "class";
  public static final String NOT_A_DIGIT = "not_a_digit";
  /** A line model's output: float32 {@code [-1, frames, 11]}, log-probabilities of the ten digits and CTC's blank. */
  public static final String LOG_PROBS = "log_probs";

  private ServingSignature() {}
}
