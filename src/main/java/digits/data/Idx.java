package digits.data;

import digits.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes IDX files (the format of MNIST): two zero bytes, a data-type byte, a dimension count, then
 * each dimension as a big-endian int32, then the values. Only unsigned bytes (type {@code 0x08}) are supported,
 * which is what every MNIST-like dataset uses. Gzip is detected from the file's first bytes, not its name.
 *
 * <p>Reading is strict: every inconsistency throws {@link InvalidDataException} naming the file, before any
 * large allocation that the header alone would ask for.
 */
public final class Idx {
  /** The IDX type byte for unsigned 8-bit values. */
  public static final int UNSIGNED_BYTE = 0x08;
  /** Arrays larger than this are refused: far above any image dataset read into memory here (1 GiB). */
  public static final long MAX_BYTES = 1L << 30;
  /** Refuses headers with more dimensions than this (MNIST uses 1 for labels and 3 for images). */
  public static final int MAX_DIMENSIONS = 4;

  private static final int CHUNK = 1 << 20;

  private Idx() {}

  /** Reads a whole IDX file, raw or gzip. */
  public static IdxArray read(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new InvalidDataException(file, "is a directory, expected an IDX file");
    }
    if (!Files.isReadable(file)) {
      throw new InvalidDataException(file, Files.exists(file) ? "is not readable" : "does not exist");
    }
    boolean gzip = isGzip(file);
    long fileSize = Files.size(file);
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16)) {
      return read(file, new DataInputStream(in), gzip ? -1 : fileSize);
    } catch (java.util.zip.ZipException e) {
      throw new InvalidDataException(file, "corrupt gzip data (" + e.getMessage() + ")");
    } catch (EOFException e) {
      throw new InvalidDataException(file, "truncated: the file ends inside the header or the gzip stream");
    }
  }

  private static IdxArray read(Path file, DataInputStream in, long fileSize) throws IOException {
    int zero0 = in.readUnsignedByte();
    int zero1 = in.readUnsignedByte();
    int type = in.readUnsignedByte();
    int rank = in.readUnsignedByte();
    if (zero0 != 0 || zero1 != 0) {
      throw new InvalidDataException(file, String.format(
          "not an IDX file: expected magic 0x0000 then type and rank, received 0x%02X%02X%02X%02X",
          zero0, zero1, type, rank));
    }
    if (type != UNSIGNED_BYTE) {
      throw new InvalidDataException(file, String.format(
          "unsupported IDX data type 0x%02X, expected 0x08 (unsigned byte)", type));
    }
    if (rank < 1 || rank > MAX_DIMENSIONS) {
      throw new InvalidDataException(file, "expected 1 to " + MAX_DIMENSIONS + " dimensions, received " + rank);
    }
    int[] shape = new int[rank];
    long size = 1;
    for (int i = 0; i < rank; i++) {
      shape[i] = in.readInt();
      if (shape[i] < 0) {
        throw new InvalidDataException(file, "dimension " + i + " is negative (" + Integer.toUnsignedLong(shape[i])
            + " as unsigned): the header is corrupt");
      }
      size *= shape[i];
      if (size > MAX_BYTES) {
        throw new InvalidDataException(file, "header declares more than " + MAX_BYTES
            + " values (absurd dimensions " + describe(shape, i + 1) + "): the header is corrupt");
      }
    }
    long header = 4L + 4L * rank;
    if (fileSize >= 0 && fileSize - header != size) {
      throw new InvalidDataException(file, (fileSize - header < size ? "truncated payload: " : "trailing bytes: ")
          + "header " + describe(shape, rank) + " declares " + size + " bytes of data, file holds "
          + (fileSize - header));
    }
    byte[] data = readPayload(file, in, (int) size);
    if (in.read() != -1) {
      throw new InvalidDataException(file, "trailing bytes after the " + size + " bytes declared by header "
          + describe(shape, rank));
    }
    return new IdxArray(shape, data);
  }

  /** Reads exactly {@code size} bytes, growing the buffer only as data arrives (a lying gzip header costs nothing). */
  private static byte[] readPayload(Path file, InputStream in, int size) throws IOException {
    byte[] data = new byte[Math.min(size, CHUNK)];
    int filled = 0;
    while (filled < size) {
      if (filled == data.length) {
        data = java.util.Arrays.copyOf(data, (int) Math.min(size, 2L * data.length));
      }
      int n = in.read(data, filled, data.length - filled);
      if (n < 0) {
        throw new InvalidDataException(file, "truncated payload: header declares " + size + " bytes of data, file holds "
            + filled);
      }
      filled += n;
    }
    return data;
  }

  private static String describe(int[] shape, int rank) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < rank; i++) {
      s.append(i == 0 ? "" : "x").append(shape[i]);
    }
    return s.toString();
  }

  /** True when the file starts with the gzip magic bytes {@code 1f 8b}. */
  public static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /**
   * True when the file looks like an IDX file of bytes (magic {@code 00 00 08}), raw or gzip-compressed: what
   * {@code predict} scores image by image rather than decoding as a picture.
   */
  public static boolean looksLikeIdx(Path file) throws IOException {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, 4);
      return isGzip(file) || (n == 4 && head[0] == 0 && head[1] == 0 && head[2] == UNSIGNED_BYTE);
    }
  }

  /**
   * Writes an IDX file atomically (a temporary file in the same folder, then a rename), gzip-compressed when
   * {@code gzip} is true.
   */
  public static void write(Path file, IdxArray array, boolean gzip) throws IOException {
    AtomicFiles.write(file, out -> write(gzip ? new GZIPOutputStream(out, 1 << 16) : out, array));
  }

  private static void write(OutputStream target, IdxArray array) throws IOException {
    OutputStream out = target;
    int[] shape = array.shape();
    out.write(new byte[] {0, 0, UNSIGNED_BYTE, (byte) shape.length});
    for (int d : shape) {
      out.write(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
    }
    out.write(array.data());
    out.flush();
    if (target instanceof GZIPOutputStream gz) {
      gz.finish();
    }
  }
}
