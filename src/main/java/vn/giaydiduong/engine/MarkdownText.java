package vn.giaydiduong.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that people wrote (a return reason, an organization's name, a file name from a stranger's mail) shown in
 * a Camunda Form's markdown stays text: no link, image, heading or HTML of its own.
 */
public final class MarkdownText {

  private static final Pattern PUNCTUATION = Pattern.compile("[\\\\`*_{}\\[\\]()#+\\-.!|~:]");

  private MarkdownText() {
  }

  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    String html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    String flat = html.replaceAll("\\s*\\R\\s*", " ");
    return PUNCTUATION.matcher(flat).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
  }
}
