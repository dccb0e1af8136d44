package vn.giaydiduong.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Camunda webapps (Tasklist, Cockpit, Admin, Welcome) speak Vietnamese: every label of the English locale of
 * the Camunda webjar on the classpath has a Vietnamese text in the app's own {@code locales/vi.json}, with the same
 * {{placeholders}}, and the app's {@code scripts/config.js} offers 'vi'. The app's files lie at the same classpath
 * path as the webjar's, and the starter serves {@code /camunda/app/**} from {@code classpath:} locations, so the
 * first resource found on the classpath is the one served: this test checks that it is the app's.
 *
 * <p>After a Camunda upgrade this test lists the labels that are new or changed: translate them in
 * tools/webapp-locale/vi/*.tsv and run tools/webapp-locale/generate.py (see docs/webapp-locale.md).
 */
class WebappLocalesTest {

  private static final String APP = "META-INF/resources/webjars/camunda/app/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)\\}\\}");
  private static final Pattern TAG = Pattern.compile("</?(a|br|strong|b|i|em|code|span|p|ul|li)\\b[^>]*>");
  private static final Pattern URL_TEXT = Pattern.compile("https?://\\S+");
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  /** Words that are the same in Vietnamese: product names, standards, abbreviations, code values. */
  private static final Set<String> SAME_IN_BOTH = Set.of(
      "id", "bpmn", "dmn", "cmmn", "drd", "cockpit", "tasklist", "admin", "camunda", "optimize", "null",
      "undefined", "json", "xml", "csv", "api", "ldap", "url", "html", "java", "di", "ede", "fni", "pi", "tu");

  /**
   * English plural endings ("instance" + "s", as in PLGN_BATCH_S) have an empty Vietnamese text on purpose:
   * Vietnamese nouns have no plural form.
   */
  private static final String PLURAL_ENDING = "s";

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyEnglishLabelHasVietnameseText(String webapp) throws IOException {
    JsonNode en = readJson(webjarResource(webapp + "/locales/en.json"));
    JsonNode vi = readJson(appResource(webapp + "/locales/vi.json"));
    JsonNode enLabels = en.path("labels");
    JsonNode viLabels = vi.path("labels");
    assertThat(enLabels.size()).as("labels in the webjar's %s en.json", webapp).isGreaterThan(100);

    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = enLabels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      String key = label.getKey();
      String english = label.getValue().asText();
      JsonNode viNode = viLabels.get(key);
      if (viNode == null) {
        problems.add("missing: " + key + " = " + english);
        continue;
      }
      String vietnamese = viNode.asText();
      boolean emptyOnPurpose = english.equals(PLURAL_ENDING);
      if (vietnamese.isBlank() && !english.isBlank() && !emptyOnPurpose) {
        problems.add("empty: " + key + " (English: " + english + ")");
      }
      if (vietnamese.equals(english) && looksTranslatable(english)) {
        problems.add("still English: " + key + " = " + english);
      }
      if (!placeholders(english).equals(placeholders(vietnamese))) {
        problems.add("placeholders differ: " + key + ": " + placeholders(english) + " vs " + placeholders(vietnamese));
      }
      if (TAG.matcher(english).results().count() != TAG.matcher(vietnamese).results().count()) {
        problems.add("HTML tags differ: " + key);
      }
    }
    for (Iterator<String> it = viLabels.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!enLabels.has(key)) {
        problems.add("no longer in English (remove): " + key);
      }
    }
    assertThat(problems).as("%s: Vietnamese labels against the webjar's English ones", webapp).isEmpty();

    if (en.has("dateLocales")) {
      JsonNode dates = vi.path("dateLocales");
      assertThat(fieldNames(dates)).as("%s vi.json dateLocales", webapp).isEqualTo(fieldNames(en.get("dateLocales")));
      assertThat(dates.path("months").size()).isEqualTo(12);
      assertThat(dates.path("weekdays").size()).isEqualTo(7);
      assertThat(dates.path("longDateFormat").path("L").asText()).isEqualTo("DD/MM/YYYY");
      assertThat(dates.path("longDateFormat").path("LT").asText()).isEqualTo("HH:mm");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configOffersVietnameseWithEnglishFallback(String webapp) throws IOException {
    String config = withoutComments(read(appResource(webapp + "/scripts/config.js")));
    Matcher available = Pattern.compile("availableLocales['\"]?\\s*:\\s*\\[([^\\]]*)\\]").matcher(config);
    assertThat(available.find()).as("%s config.js sets locales.availableLocales", webapp).isTrue();
    assertThat(available.group(1)).as("%s availableLocales", webapp).containsPattern("['\"]vi['\"]")
        .containsPattern("['\"]en['\"]");
    assertThat(config).as("%s fallbackLocale", webapp).containsPattern("fallbackLocale['\"]?\\s*:\\s*['\"]en['\"]");
    // the settings of the 7.x original are kept
    assertThat(config).contains("export default {");
    if (webapp.equals("tasklist")) {
      assertThat(config).contains("shortcuts", "claimTask");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void camunda8BannerIsHidden(String webapp) throws IOException {
    String css = read(appResource(webapp + "/styles/user-styles.css"));
    assertThat(withoutComments(css)).containsPattern("\\.ce-eol-banner\\s*\\{\\s*display:\\s*none");
  }

  // ---- helpers

  /** The resource the webapp serves: the first on the classpath, which must be the app's own, not the webjar's. */
  private static URL appResource(String path) throws IOException {
    List<URL> all = Collections.list(WebappLocalesTest.class.getClassLoader().getResources(APP + path));
    assertThat(all).as("%s on the classpath", path).isNotEmpty();
    URL first = all.get(0);
    assertThat(first.toString()).as("%s served from the app, not the webjar", path)
        .doesNotContain("camunda-webapp-webjar");
    return first;
  }

  private static URL webjarResource(String path) throws IOException {
    return Collections.list(WebappLocalesTest.class.getClassLoader().getResources(APP + path)).stream()
        .filter(url -> url.toString().contains("camunda-webapp-webjar"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(path + " not found in the camunda-webapp-webjar on the classpath"));
  }

  private static String read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text; // Camunda's en.json starts with a BOM
    }
  }

  private static JsonNode readJson(URL url) throws IOException {
    return JSON.readTree(read(url));
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> placeholders(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group(1).replaceAll("\\s+", ""));
    }
    Collections.sort(found);
    return found;
  }

  /** True when the English text has a word that Vietnamese would write differently. */
  private static boolean looksTranslatable(String english) {
    String text = PLACEHOLDER.matcher(english).replaceAll(" ");
    text = TAG.matcher(text).replaceAll(" ");
    text = URL_TEXT.matcher(text).replaceAll(" ");
    Set<String> words = new LinkedHashSet<>();
    WORD.matcher(text).results().forEach(r -> words.add(r.group().toLowerCase(Locale.ROOT)));
    words.removeAll(SAME_IN_BOTH);
    return !words.isEmpty();
  }

  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
  }
}
