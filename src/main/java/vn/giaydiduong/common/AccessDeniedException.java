package vn.giaydiduong.common;

/** The user may not see or change this ward's records; answered as 403 with the Vietnamese message. */
public class AccessDeniedException extends RuntimeException {

  public AccessDeniedException(String message) {
    super(message);
  }
}
