package digits.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void roundTripsRawAndGzip(boolean gzip) throws IOException {
    IdxArray a = new IdxArray(new int[] {3, 2, 2}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255});
    Path file = dir.resolve("x");
    Idx.write(file, a, gzip);
    assertEquals(gzip, Idx.isGzip(file));
    IdxArray b = Idx.read(file);
    assertArrayEquals(a.shape(), b.shape());
    assertArrayEquals(a.data(), b.data());
    assertEquals(4, b.itemSize());
  }

  @Test
  void headerIsBigEndianAsSpecified() throws IOException {
    Path file = dir.resolve("labels");
    Idx.write(file, new IdxArray(new int[] {258}, new byte[258]), false);
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 1, 2}, Arrays.copyOf(bytes, 8));
  }

  private Path raw(String name, byte[] bytes, boolean gzip) throws IOException {
    Path file = dir.resolve(name);
    if (gzip) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(bytes);
      }
      bytes = out.toByteArray();
    }
    Files.write(file, bytes);
    return file;
  }

  private static byte[] header(int type, int... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private void assertRejected(Path file, String expected) {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> Idx.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rejectsWrongMagic(boolean gzip) throws IOException {
    assertRejected(raw("m", concat(new byte[] {1, 2, 8, 1, 0, 0, 0, 1}, new byte[1]), gzip), "not an IDX file");
  }

  @Test
  void rejectsUnsupportedType() throws IOException {
    assertRejected(raw("t", concat(header(0x0D, 1), new byte[4]), false), "unsupported IDX data type 0x0D");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rejectsTruncatedPayload(boolean gzip) throws IOException {
    assertRejected(raw("tr", concat(header(8, 10, 2, 2), new byte[39]), gzip), "truncated");
  }

  @Test
  void rejectsTruncatedHeader() throws IOException {
    assertRejected(raw("h", new byte[] {0, 0, 8, 3, 0, 0}, false), "truncated");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rejectsTrailingBytes(boolean gzip) throws IOException {
    assertRejected(raw("tb", concat(header(8, 10), new byte[11]), gzip), "trailing bytes");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void rejectsAbsurdDimensionsBeforeAllocating(boolean gzip) throws IOException {
    // 2^31-1 cubed: a header that would ask for exabytes; must fail at once, without an OutOfMemoryError.
    assertRejected(raw("big", concat(header(8, Integer.MAX_VALUE, 60000, 60000), new byte[16]), gzip),
        "absurd dimensions");
    assertRejected(raw("neg", concat(header(8, -5), new byte[16]), gzip), "negative");
  }

  @Test
  void aLyingGzipHeaderCostsNoLargeAllocation() throws IOException {
    // Declares 900 MB (under the cap) but holds 16 bytes: must fail as truncated, quickly.
    Path file = raw("lie", concat(header(8, 30000, 30000), new byte[16]), true);
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertRejected(file, "truncated payload");
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 64L << 20, "allocated " + allocated + " bytes for a 16-byte payload");
  }

  @Test
  void rejectsBadRank() throws IOException {
    assertRejected(raw("r0", header(8), false), "expected 1 to 4 dimensions, received 0");
    assertRejected(raw("r5", concat(header(8, 1, 1, 1, 1, 1), new byte[1]), false), "received 5");
  }

  @Test
  void rejectsCorruptGzip() throws IOException {
    byte[] gz = Files.readAllBytes(raw("ok", concat(header(8, 100), new byte[100]), true));
    gz[gz.length / 2] ^= (byte) 0xFF;
    gz[gz.length - 6] ^= (byte) 0xFF; // CRC
    Files.write(dir.resolve("bad.gz"), gz);
    assertRejected(dir.resolve("bad.gz"), "");
  }

  @Test
  void rejectsDirectoryAndMissingFile() {
    assertRejected(dir, "is a directory");
    assertRejected(dir.resolve("nope"), "does not exist");
  }
}
