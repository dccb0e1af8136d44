package vn.giaydiduong.pdf;

/** Rendering failed for a reason the caller cannot fix by changing the input (template, font, FOP). */
public class PdfRenderException extends RuntimeException {

  public PdfRenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
