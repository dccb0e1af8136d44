package vn.giaydiduong.intake;

import java.util.Locale;
import java.util.Optional;

/**
 * What an uploaded or attached file really is, from its first bytes, never from the name or the MIME type the
 * sender claims: only staff lists (XLSX, CSV) and the usual supporting documents (PDF, JPEG, PNG, DOCX) are kept.
 */
public final class FileTypes {

  private FileTypes() {
  }

  /** Why {@code filename} is refused, in Vietnamese; empty if its content matches an accepted type. */
  public static Optional<String> problem(String filename, byte[] content) {
    String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    boolean matches = switch (ext) {
      case "xlsx", "docx" -> isZip(content);
      case "csv" -> !isZip(content) && !hasNul(content);
      case "pdf" -> startsWith(content, '%', 'P', 'D', 'F');
      case "jpg", "jpeg" -> startsWith(content, 0xFF, 0xD8, 0xFF);
      case "png" -> startsWith(content, 0x89, 'P', 'N', 'G');
      default -> false;
    };
    if (matches) {
      return Optional.empty();
    }
    if (!isAccepted(ext)) {
      return Optional.of("Tệp \"" + filename + "\" có loại không được nhận: chỉ nhận danh sách .xlsx/.csv và "
          + "tài liệu .pdf, .jpg, .png, .docx.");
    }
    return Optional.of("Tệp \"" + filename + "\" có đuôi ." + ext + " nhưng nội dung không phải tệp ."
        + ext + " (có thể bị đổi tên hoặc hỏng).");
  }

  public static boolean isStaffList(String filename) {
    String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
    return name.endsWith(".xlsx") || name.endsWith(".csv");
  }

  private static boolean isAccepted(String ext) {
    return switch (ext) {
      case "xlsx", "docx", "csv", "pdf", "jpg", "jpeg", "png" -> true;
      default -> false;
    };
  }

  static boolean isZip(byte[] content) {
    return startsWith(content, 'P', 'K', 3, 4);
  }

  /** The old binary Excel format (.xls) and other OLE2 compound documents. */
  static boolean isOle2(byte[] content) {
    return startsWith(content, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
  }

  static boolean hasNul(byte[] content) {
    for (int i = 0; i < Math.min(content.length, 8192); i++) {
      if (content[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] content, int... magic) {
    if (content == null || content.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((content[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
