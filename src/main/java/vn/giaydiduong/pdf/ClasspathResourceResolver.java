package vn.giaydiduong.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;

import org.apache.xmlgraphics.io.Resource;
import org.apache.xmlgraphics.io.ResourceResolver;

/**
 * Lets FOP read fonts as {@code classpath:/templates/...} so they load from inside a Spring Boot fat jar.
 * Any other scheme is refused: nothing FOP renders should reach the file system or network
 * (FOP itself handles the {@code data:} URIs of the QR images before asking a resolver).
 */
final class ClasspathResourceResolver implements ResourceResolver {

  static final String SCHEME = "classpath";

  private final ClassLoader classLoader;

  ClasspathResourceResolver(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public Resource getResource(URI uri) throws IOException {
    if (!SCHEME.equals(uri.getScheme()) || uri.getPath() == null) {
      throw new IOException("Only classpath resources may be loaded: " + uri);
    }
    String path = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
    InputStream in = classLoader.getResourceAsStream(path);
    if (in == null) {
      throw new IOException("Not on the classpath: " + path);
    }
    return new Resource(in);
  }

  @Override
  public OutputStream getOutputStream(URI uri) throws IOException {
    throw new IOException("Writing is not supported: " + uri);
  }
}
