package vn.giaydiduong.casework;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import vn.giaydiduong.common.PassKind;

/**
 * A procedure's own way of telling the rejected, where it is not {@link EmailRejections} (one mail per person):
 * the shared stamp model sends its refusals through {@link StampRefusalMails}, which picks it by the case's kind.
 */
public interface RejectionMail extends JavaDelegate {

  PassKind kind();
}
