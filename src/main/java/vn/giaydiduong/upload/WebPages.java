package vn.giaydiduong.upload;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The officials' own pages (templates/web/), rendered in Vietnamese; Thymeleaf escapes every value. */
@Component
public class WebPages {

  private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

  private final TemplateEngine engine = new TemplateEngine();

  public WebPages() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/web/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    engine.setTemplateResolver(resolver);
  }

  public ResponseEntity<String> page(HttpStatus status, String template, Map<String, Object> variables) {
    Context context = new Context(Locale.forLanguageTag("vi-VN"), variables);
    return ResponseEntity.status(status).contentType(HTML).body(engine.process(template, context));
  }
}
