package vn.giaydiduong.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.xmlgraphics.io.Resource;
import org.junit.jupiter.api.Test;

class ClasspathResourceResolverTest {

  private static final String FONT = "templates/fonts/NotoSans-Regular.ttf";

  /** Counts how often the resolver goes to the class loader (in production: inflating from the jar). */
  private static final class CountingClassLoader extends ClassLoader {

    final AtomicInteger opened = new AtomicInteger();

    CountingClassLoader() {
      super(ClasspathResourceResolverTest.class.getClassLoader());
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      opened.incrementAndGet();
      return super.getResourceAsStream(name);
    }
  }

  @Test
  void aFontIsReadFromTheClassLoaderOnceAndServedWholeEveryTime() throws Exception {
    CountingClassLoader loader = new CountingClassLoader();
    ClasspathResourceResolver resolver = new ClasspathResourceResolver(loader);
    byte[] original;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(FONT)) {
      original = in.readAllBytes();
    }

    for (int i = 0; i < 3; i++) {
      try (Resource resource = resolver.getResource(URI.create("classpath:/" + FONT))) {
        assertThat(resource.readAllBytes()).isEqualTo(original);
      }
    }
    assertThat(loader.opened).hasValue(1);
  }

  @Test
  void otherSchemesAndMissingResourcesAreRefused() {
    ClasspathResourceResolver resolver = new ClasspathResourceResolver(getClass().getClassLoader());
    assertThatThrownBy(() -> resolver.getResource(URI.create("file:///etc/passwd")))
        .isInstanceOf(IOException.class).hasMessageContaining("Only classpath");
    assertThatThrownBy(() -> resolver.getResource(URI.create("classpath:/templates/fonts/Missing.ttf")))
        .isInstanceOf(IOException.class).hasMessageContaining("Not on the classpath");
    assertThatThrownBy(() -> resolver.getOutputStream(URI.create("classpath:/x"))).isInstanceOf(IOException.class);
  }
}
