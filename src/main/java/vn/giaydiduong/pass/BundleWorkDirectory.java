package vn.giaydiduong.pass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Where print bundles are rendered before they are streamed into the database: a directory of this node's own
 * under {@code giaydiduong.bundles.work-dir}, marked by a file lock the node holds while it lives. The operating
 * system drops the lock when the process dies, however it dies, so a starting node deletes the directories of dead
 * nodes, with the half-rendered bundles a kill left behind, and never those of nodes still running on the host.
 */
@Component
class BundleWorkDirectory implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(BundleWorkDirectory.class);
  private static final String LOCK_FILE = ".lock";
  /**
   * The directories locked by this JVM (several application contexts in tests). File locks belong to the process,
   * and closing any channel on a locked file drops them: a sweep must not even open these.
   */
  private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

  private final Path own;
  private final FileChannel lockChannel;
  private final FileLock lock;

  BundleWorkDirectory(@Value("${giaydiduong.bundles.work-dir}") Path workDir) {
    Path root = workDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
      deleteDeadNodes(root);
      own = Files.createTempDirectory(root, "node-");
      lockChannel = FileChannel.open(own.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      lock = lockChannel.lock();
      LOCKED_HERE.add(own);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the bundle work directory under " + root, e);
    }
  }

  /** A new, empty file for one render of the application's bundle. */
  Path newFile(long applicationId) throws IOException {
    return Files.createTempFile(own, "bundle-" + applicationId + "-", ".pdf");
  }

  @Override
  public void destroy() throws IOException {
    LOCKED_HERE.remove(own);
    lock.release();
    lockChannel.close();
    FileSystemUtils.deleteRecursively(own);
  }

  private static void deleteDeadNodes(Path root) throws IOException {
    try (DirectoryStream<Path> nodes = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path node : nodes) {
        if (ownerIsDead(node)) {
          FileSystemUtils.deleteRecursively(node);
          LOG.info("Deleted the bundle work directory {} of a node that is no longer running", node);
        }
      }
    }
  }

  /** True if nobody holds the directory's lock; a directory without one is still being set up by its node. */
  private static boolean ownerIsDead(Path node) throws IOException {
    if (LOCKED_HERE.contains(node)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(node.resolve(LOCK_FILE), StandardOpenOption.WRITE)) {
      FileLock free = channel.tryLock();
      if (free == null) {
        return false;
      }
      free.release();
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
