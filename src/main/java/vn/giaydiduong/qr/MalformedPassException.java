package vn.giaydiduong.qr;

/**
 * A scanned text that cannot be read as a pass. {@link #getMessage()} is the Vietnamese text to
 * show the officer; {@link #reason()} and {@link #detail()} are for logs and metrics.
 */
public class MalformedPassException extends RuntimeException {

  public enum Reason {
    TOO_LONG("Mã QR quá dài, không phải giấy đi đường của hệ thống"),
    WRONG_PREFIX("Mã QR không phải giấy đi đường của hệ thống"),
    BAD_BASE45("Mã QR bị hỏng hoặc đã bị sửa đổi, không đọc được giấy đi đường"),
    BAD_COMPRESSION("Mã QR bị hỏng hoặc đã bị sửa đổi, không đọc được giấy đi đường"),
    TOO_LARGE_INFLATED("Mã QR chứa dữ liệu bất thường, không phải giấy đi đường hợp lệ"),
    BAD_CBOR("Mã QR bị hỏng hoặc đã bị sửa đổi, không đọc được giấy đi đường"),
    BAD_COSE("Mã QR bị hỏng hoặc đã bị sửa đổi, không đọc được giấy đi đường"),
    UNSUPPORTED_ALGORITHM("Mã QR giấy đi đường dùng thuật toán ký không được hỗ trợ"),
    MISSING_CLAIMS("Mã QR thiếu thông tin bắt buộc của giấy đi đường"),
    IMPLAUSIBLE_TIME("Mã QR ghi thời điểm cấp hoặc hết hạn không hợp lệ, không phải giấy đi đường của hệ thống");

    private final String officerMessage;

    Reason(String officerMessage) {
      this.officerMessage = officerMessage;
    }
  }

  private final Reason reason;
  private final String detail;

  MalformedPassException(Reason reason, String detail) {
    this(reason, detail, null);
  }

  MalformedPassException(Reason reason, String detail, Throwable cause) {
    super(reason.officerMessage, cause);
    this.reason = reason;
    this.detail = detail;
  }

  public Reason reason() {
    return reason;
  }

  /** English, technical; never shown to the officer. */
  public String detail() {
    return detail;
  }
}
