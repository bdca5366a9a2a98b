package digits.devset;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The handwriting fonts the development set is drawn in, split by family into a tuning part and a held-out
 * part. Debian packages them; fonts kept for independent checks elsewhere are deliberately absent.
 */
final class HandwritingFonts {
  /** One font file and the Debian package that installs it. */
  record Source(String family, String pkg, Path file) {}

  static final List<Source> TUNING = List.of(
      new Source("Comic Neue", "fonts-comic-neue", Path.of("/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf")),
      new Source("Comic Neue", "fonts-comic-neue", Path.of("/usr/share/fonts/opentype/comic-neue/ComicNeue-BoldItalic.otf")),
      new Source("Klee One", "fonts-klee", Path.of("/usr/share/fonts/truetype/klee/KleeOne-Regular.ttf")),
      new Source("Rufscript", "fonts-rufscript", Path.of("/usr/share/fonts/truetype/rufscript/Rufscript010.ttf")),
      new Source("Purisa", "fonts-tlwg-purisa", Path.of("/usr/share/fonts/truetype/tlwg/Purisa.ttf")),
      new Source("Purisa", "fonts-tlwg-purisa", Path.of("/usr/share/fonts/truetype/tlwg/Purisa-Oblique.ttf")),
      new Source("Delphine", "fonts-sjfonts", Path.of("/usr/share/fonts/truetype/sjfonts/Delphine.ttf")));

  static final List<Source> HELD_OUT = List.of(
      new Source("Steve", "fonts-sjfonts", Path.of("/usr/share/fonts/truetype/sjfonts/SteveHand.ttf")),
      new Source("Kristi", "fonts-kristi", Path.of("/usr/share/fonts/truetype/kristi/Kristi.ttf")),
      new Source("SetoFont", "fonts-seto", Path.of("/usr/share/fonts/truetype/seto/setofont.ttf")),
      new Source("YOzFont", "fonts-yozvox-yozfont", Path.of("/usr/share/fonts/truetype/yozvox-yozfont/YOzRN_.ttf")),
      new Source("YOzFont", "fonts-yozvox-yozfont", Path.of("/usr/share/fonts/truetype/yozvox-yozfont/YOzRE_i.ttf")),
      new Source("Havana", "fonts-havana", Path.of("/usr/share/fonts/opentype/havana/Havana-Regular.otf")),
      new Source("Lobster Two", "fonts-lobster", Path.of("/usr/share/fonts/opentype/lobster/lobster.otf")));

  private HandwritingFonts() {}

  /** The Debian packages of every font, for the install line. */
  static List<String> packages() {
    List<String> p = new ArrayList<>();
    for (List<Source> part : List.of(TUNING, HELD_OUT)) {
      part.stream().map(Source::pkg).filter(n -> !p.contains(n)).forEach(p::add);
    }
    return p;
  }

  /** Loads the fonts of one part; a missing file is one error naming what to install. */
  static List<Font> load(List<Source> sources) throws IOException {
    List<String> missing = sources.stream().filter(s -> !Files.isRegularFile(s.file())).map(Source::pkg).distinct()
        .toList();
    if (!missing.isEmpty()) {
      throw new IOException("handwriting fonts missing (" + String.join(", ", missing)
          + "): install them with: apt-get install " + String.join(" ", packages()));
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
