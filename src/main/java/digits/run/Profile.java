package digits.run;

import digits.data.Augmentation;
import digits.data.InkAugmentation;
import digits.inference.Precision;
import digits.model.Architecture;
import digits.train.OptimizerConfig;
import digits.train.Schedule;
import digits.train.TrainingConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Maps {@code profiles/*.properties} (plus command-line overrides) onto {@link TrainingConfig}: the one place
 * where recipe keys are named. Unknown keys and bad values are errors that name the key.
 */
public final class Profile {
  /** Every key with its default; a profile file overrides any of them. */
  public static final Map<String, String> DEFAULTS = defaults();

  private Profile() {}

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("dataset", "mnist");
    d.put("architecture", "conv(32,3,relu) pool(2) conv(64,3,relu) pool(2) flatten dropout(0.5) dense(10)");
    d.put("epochs", "15");
    d.put("batch_size", "128");
    d.put("optimizer", "adam");
    d.put("learning_rate", "0.001");
    d.put("beta1", String.valueOf(OptimizerConfig.BETA1));
    d.put("beta2", String.valueOf(OptimizerConfig.BETA2));
    d.put("epsilon", String.valueOf(OptimizerConfig.EPSILON));
    d.put("momentum", "0.9");
    d.put("nesterov", "false");
    d.put("weight_decay", "0");
    d.put("schedule", "constant");
    d.put("warmup", "0.25");
    d.put("step_epochs", "5");
    d.put("gamma", "0.1");
    d.put("label_smoothing", "0");
    d.put("ema_decay", "0");
    d.put("validation_split", "0.1");
    d.put("font_digits", "0");
    d.put("usps", "");
    d.put("usps_copies", "1");
    d.put("search_pieces", "0");
    d.put("line_steps", "0");
    d.put("precision", "auto");
    d.put("augment.rotation", "0");
    d.put("augment.zoom", "0");
    d.put("augment.shift", "0");
    d.put("augment.shear", "0");
    d.put("augment.elastic_alpha", "0");
    d.put("augment.elastic_sigma", "4");
    d.put("augment.flip_horizontal", "false");
    d.put("augment.flip_vertical", "false");
    d.put("augment.thickness", "0");
    d.put("augment.breaks", "0");
    d.put("augment.low_res", "0");
    d.put("augment.blur", "0");
    d.put("augment.contrast", "0");
    d.put("augment.non_digits", "0");
    d.put("augment.touching", "0");
    d.put("standardize", "true");
    d.put("patience", "0");
    d.put("restore_best", "true");
    d.put("prefetch", "2");
    d.put("seed", "42");
    return Map.copyOf(d);
  }

  /**
   * Reads a profile by path (anything ending in {@code .properties}) or by name: {@code <name>.properties} in
   * {@code profilesDir} when there is one (a local recipe wins), else the one bundled with the program.
   */
  public static Map<String, String> read(String nameOrPath, Path profilesDir) throws IOException {
    boolean path = nameOrPath.endsWith(".properties");
    Path file = path ? Path.of(nameOrPath) : profilesDir.resolve(nameOrPath + ".properties");
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
    } else {
      var bundled = path ? null : Profile.class.getResourceAsStream(BUNDLED + nameOrPath + ".properties");
      if (bundled == null) {
        throw new IllegalArgumentException("Profile '" + nameOrPath + "' not found: no file " + file
            + (path ? "" : " and none bundled") + " (available: " + String.join(", ", available(profilesDir)) + ")");
      }
      try (Reader in = new java.io.InputStreamReader(bundled, StandardCharsets.UTF_8)) {
        p.load(in);
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      values.put(key, p.getProperty(key).strip());
    }
    return values;
  }

  /** Where the build puts the profiles that travel with the program (from the repository's {@code profiles/}). */
  static final String BUNDLED = "/digits/profiles/";

  /** Profile names: those in {@code profilesDir} and those bundled with the program. */
  public static List<String> available(Path profilesDir) throws IOException {
    java.util.SortedSet<String> names = new java.util.TreeSet<>(names(profilesDir));
    var url = Profile.class.getResource(BUNDLED);
    if (url != null) {
      try {
        java.net.URI uri = url.toURI();
        if (uri.getScheme().equals("jar")) {
          try (var jar = java.nio.file.FileSystems.newFileSystem(uri, Map.of())) {
            names.addAll(names(jar.getPath(BUNDLED)));
          }
        } else {
          names.addAll(names(Path.of(uri)));
        }
      } catch (java.net.URISyntaxException | java.nio.file.FileSystemAlreadyExistsException e) {
        // listing is a courtesy in error messages; the folder's names are still there
      }
    }
    return List.copyOf(names);
  }

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".properties"))
          .map(n -> n.substring(0, n.length() - ".properties".length())).sorted().toList();
    }
  }

  /** Defaults, then {@code profile}, then {@code overrides}: every key resolved, sorted. */
  public static Map<String, String> merge(Map<String, String> profile, Map<String, String> overrides) {
    Map<String, String> all = new TreeMap<>(DEFAULTS);
    for (Map<String, String> layer : List.of(profile, overrides)) {
      for (var e : layer.entrySet()) {
        if (!DEFAULTS.containsKey(e.getKey())) {
          throw new IllegalArgumentException("Unknown setting '" + e.getKey() + "' (known: "
              + String.join(", ", new TreeMap<>(DEFAULTS).keySet()) + ")");
        }
        all.put(e.getKey(), e.getValue());
      }
    }
    return all;
  }

  /** The recipe that fully resolved settings describe. */
  public static TrainingConfig toConfig(Map<String, String> s) {
    Values v = new Values(s);
    Augmentation augmentation = v.get("augment.rotation", key -> Augmentation.NONE
        .withAffine(v.real("augment.rotation"), v.real("augment.zoom"), v.real("augment.shift"))
        .withShear(v.real("augment.shear"))
        .withElastic(v.real("augment.elastic_alpha"), v.real("augment.elastic_sigma"))
        .withFlips(v.bool("augment.flip_horizontal"), v.bool("augment.flip_vertical"))
        .withInk(new InkAugmentation(v.real("augment.thickness"), v.real("augment.breaks"), v.real("augment.low_res"),
            v.real("augment.blur"), v.real("augment.contrast")))
        .withNonDigits(v.real("augment.non_digits"))
        .withTouching(v.real("augment.touching")));
    OptimizerConfig optimizer = v.get("optimizer", key -> new OptimizerConfig(
        v.choice("optimizer", OptimizerConfig.Kind.class), v.real("learning_rate"), v.real("beta1"),
        v.real("beta2"), v.real("epsilon"), v.real("momentum"), v.bool("nesterov"), v.real("weight_decay")));
    Schedule schedule = v.get("schedule", key -> new Schedule(v.choice("schedule", Schedule.Kind.class),
        v.real("warmup"), v.integer("step_epochs"), v.real("gamma")));
    Architecture architecture = v.get("architecture", key -> Architecture.parse(s.get(key)));
    TrainingConfig.Data data = v.get("dataset", key -> new TrainingConfig.Data(s.get(key),
        v.real("validation_split"), v.integer("font_digits"), s.get("usps"), v.integer("usps_copies"),
        v.integer("search_pieces"), v.bool("standardize")));
    TrainingConfig.Optimization optimization = v.get("label_smoothing", key -> new TrainingConfig.Optimization(
        optimizer, schedule, v.real(key), v.real("ema_decay")));
    TrainingConfig.Loop loop = v.get("epochs", key -> new TrainingConfig.Loop(v.integer(key), v.integer("batch_size"),
        v.integer("patience"), v.bool("restore_best"), v.integer("prefetch"), v.choice("precision", Precision.class)));
    return v.get("line_steps", key -> new TrainingConfig(data, architecture, augmentation, optimization, loop,
        v.integer(key), v.longValue("seed")));
  }

  /** Typed reads that name the key in every error. */
  private record Values(Map<String, String> s) {
    <T> T get(String key, java.util.function.Function<String, T> make) {
      try {
        return make.apply(key);
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("Setting ")) {
          throw e;
        }
        throw new IllegalArgumentException("Setting " + key + " and related: " + e.getMessage(), e);
      }
    }

    double real(String key) {
      try {
        return Double.parseDouble(s.get(key));
      } catch (NumberFormatException e) {
        throw bad(key, "a number");
      }
    }

    int integer(String key) {
      try {
        return Integer.parseInt(s.get(key));
      } catch (NumberFormatException e) {
        throw bad(key, "an integer");
      }
    }

    long longValue(String key) {
      try {
        return Long.parseLong(s.get(key));
      } catch (NumberFormatException e) {
        throw bad(key, "an integer");
      }
    }

    boolean bool(String key) {
      return switch (s.get(key).toLowerCase(Locale.ROOT)) {
        case "true", "yes", "1" -> true;
        case "false", "no", "0" -> false;
        default -> throw bad(key, "true or false");
      };
    }

    <E extends Enum<E>> E choice(String key, Class<E> type) {
      String value = s.get(key).toUpperCase(Locale.ROOT).replace('-', '_');
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(value)) {
          return e;
        }
      }
      List<String> names = Stream.of(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
      throw bad(key, "one of " + String.join(", ", names));
    }

    private IllegalArgumentException bad(String key, String expected) {
      return new IllegalArgumentException("Setting " + key + ": expected " + expected + ", received '"
          + s.get(key) + "'");
    }
  }
}
