package digits.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;

/**
 * The value of {@code --model}: a SavedModel folder, or a run folder that holds one ({@code runs/<name>} for
 * {@code runs/<name>/saved_model}).
 */
final class ModelDir implements ITypeConverter<Path> {
  @Override
  public Path convert(String value) {
    Path dir = Path.of(value);
    Path inside = dir.resolve(digits.predict.ModelFolder.SAVED_MODEL);
    return !Files.isRegularFile(dir.resolve("saved_model.pb")) && Files.isRegularFile(inside.resolve("saved_model.pb"))
        ? inside : dir;
  }
}
