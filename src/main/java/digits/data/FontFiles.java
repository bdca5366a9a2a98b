package digits.data;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Font files that Debian packages install, loaded with one clear error naming what to install when any is missing. */
public final class FontFiles {
  /** One font file and the Debian package that installs it. */
  public record Source(String pkg, Path file) {}

  private FontFiles() {}

  /**
   * The fonts of {@code sources}.
   *
   * @param what what the fonts are for, for the error ("handwriting fonts for training")
   * @param install the packages to name in the install line (all those of the set, not only the missing ones)
   * @throws IOException when a file is missing (naming the packages and the apt-get line) or not a font
   */
  public static List<Font> load(List<Source> sources, String what, List<String> install) throws IOException {
    List<String> missing = sources.stream().filter(s -> !Files.isRegularFile(s.file())).map(Source::pkg).distinct()
        .toList();
    if (!missing.isEmpty()) {
      throw new IOException(what + " missing (" + String.join(", ", missing) + "): install them with: apt-get install "
          + String.join(" ", install));
    }
    List<Font> fonts = new ArrayList<>();
    for (Source s : sources) {
      try {
        fonts.add(Font.createFont(Font.TRUETYPE_FONT, s.file().toFile()));
      } catch (FontFormatException e) {
        throw new IOException(s.file() + ": not a font Java can read (" + e.getMessage() + ")", e);
      }
    }
    return fonts;
  }
}
