package digits.devset;

import digits.data.FontFiles;
import java.awt.Font;
import java.io.IOException;
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
    return FontFiles.load(sources.stream().map(s -> new FontFiles.Source(s.pkg(), s.file())).toList(),
        "handwriting fonts", packages());
  }
}
