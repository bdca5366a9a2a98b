package digits.devset;

import digits.devset.ReadBenchmark.Answer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code digits bench read} leaves to look at: every answer as CSV, and a sheet of hard cases as a picture. */
public final class AnswerSheets {
  private AnswerSheets() {}

  /**
   * One CSV row per image read: file, category, part, truth, what was read, confidence, exact, and the evidence the
   * confidence was made of ({@link digits.predict.Evidence#NAMES}, raw first).
   */
  public static void writeCsv(List<Answer> tuning, List<Answer> heldOut, Path csv)
      throws IOException {
    digits.io.AtomicFiles.write(csv, stream -> {
      var writer = new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8);
      // not closed: AtomicFiles closes the stream after forcing it to disk
      var printer = new org.apache.commons.csv.CSVPrinter(writer, org.apache.commons.csv.CSVFormat.DEFAULT);
      List<String> header = new ArrayList<>(List.of("file", "category", "part", "text", "read", "confidence",
          "exact", "raw"));
      header.addAll(digits.predict.Evidence.NAMES);
      printer.printRecord(header);
      for (List<Answer> answers : List.of(tuning, heldOut)) {
        for (Answer a : answers) {
          List<Object> row = new ArrayList<>(List.of(a.item().file(), a.item().category(), a.item().part(),
              a.item().text(), a.read(), a.confidence(), a.exact(), a.evidence().raw()));
          for (double f : a.evidence().features()) {
            row.add(f);
          }
          printer.printRecord(row); // every digit of the confidence: runs compare answer by answer
        }
      }
      printer.flush();
    });
  }

  /**
   * Held-out development images (not MNIST's), a row read right and a row read wrong per category, each with
   * what was read, the truth and the confidence.
   */
  public static java.awt.image.BufferedImage examples(List<Answer> answers) throws IOException {
    List<Answer> picked = new ArrayList<>();
    List<String> categories = answers.stream().map(a -> a.item().category()).filter(c -> !c.equals("mnist-test"))
        .distinct().toList();
    for (String category : categories) {
      for (boolean right : new boolean[] {true, false}) {
        answers.stream().filter(a -> a.item().category().equals(category) && a.exact() == right).limit(4)
            .forEach(picked::add);
      }
    }
    int cellW = 300;
    int cellH = 96;
    int columns = 4;
    int rows = (picked.size() + columns - 1) / columns;
    var sheet = new java.awt.image.BufferedImage(columns * cellW, Math.max(1, rows) * cellH,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    var g = sheet.createGraphics();
    try {
      g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
          java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
          java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
      for (int i = 0; i < picked.size(); i++) {
        Answer a = picked.get(i);
        var image = digits.predict.image.ImageFiles.read(a.item().file());
        int x = (i % columns) * cellW;
        int y = (i / columns) * cellH;
        double scale = Math.min((cellW - 10.0) / image.getWidth(), (cellH - 26.0) / image.getHeight());
        g.drawImage(image, x + 5, y + 4, (int) (image.getWidth() * scale), (int) (image.getHeight() * scale), null);
        g.setColor(a.exact() ? new java.awt.Color(0, 110, 0) : new java.awt.Color(190, 0, 0));
        g.drawString(String.format(Locale.ROOT, "%s: read %s (%.2f)%s", a.item().category(),
            a.read().isEmpty() ? "nothing" : a.read(), a.confidence(), a.exact() ? "" : ", is " + a.item().text()),
            x + 5, y + cellH - 8);
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }
}
