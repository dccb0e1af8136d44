package vn.giaydiduong.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.xmlgraphics.io.Resource;
import org.apache.xmlgraphics.io.ResourceResolver;

/**
 * Lets FOP read fonts as {@code classpath:/templates/...} so they load from inside a Spring Boot fat jar.
 * Any other scheme is refused: nothing FOP renders should reach the file system or network
 * (FOP itself handles the {@code data:} URIs of the QR images before asking a resolver).
 * <p>
 * FOP asks for each font twice per render and caches nothing between renders; inflating the two 0.5 MB fonts
 * from the jar each time was half the render time. The few resources behind this resolver are kept in memory.
 */
final class ClasspathResourceResolver implements ResourceResolver {

  static final String SCHEME = "classpath";

  private final ClassLoader classLoader;
  private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

  ClasspathResourceResolver(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public Resource getResource(URI uri) throws IOException {
    if (!SCHEME.equals(uri.getScheme()) || uri.getPath() == null) {
      throw new IOException("Only classpath resources may be loaded: " + uri);
    }
    String path = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
    try {
      return new Resource(new ByteArrayInputStream(loaded.computeIfAbsent(path, this::read)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private byte[] read(String path) {
    try (InputStream in = classLoader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("Not on the classpath: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public OutputStream getOutputStream(URI uri) throws IOException {
    throw new IOException("Writing is not supported: " + uri);
  }
}
