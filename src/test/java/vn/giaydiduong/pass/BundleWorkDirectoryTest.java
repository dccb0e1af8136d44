package vn.giaydiduong.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work directories of bundle renders: a starting node deletes those whose owner died and no other. Whether a
 * lock is held is asked from another process, because file locks belong to the process that holds them.
 */
class BundleWorkDirectoryTest {

  /** Exits 0 if the lock file given is free (and releases it at once), 1 if another process holds it. */
  private static final String LOCK_PROBE = """
      import java.nio.channels.FileChannel;
      import java.nio.file.Path;
      import java.nio.file.StandardOpenOption;
      public class LockProbe {
        public static void main(String[] args) throws Exception {
          try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
            System.exit(channel.tryLock() == null ? 1 : 0);
          }
        }
      }
      """;

  @TempDir Path root;
  @TempDir Path probeDir;

  @Test
  void aStartingNodeDeletesDeadNodesDirectories_andKeepsLiveOnes() throws Exception {
    Path dead = Files.createDirectories(root.resolve("node-dead"));
    Files.createFile(dead.resolve(".lock"));
    Files.writeString(dead.resolve("bundle-7-1.pdf"), "%PDF-1.4 half a bundle");
    Path settingUp = Files.createDirectories(root.resolve("node-setting-up")); // no lock file yet

    BundleWorkDirectory first = new BundleWorkDirectory(root);
    Path firstFile = first.newFile(8);
    assertThat(dead).as("a dead node's directory, with its half-rendered bundle").doesNotExist();
    assertThat(settingUp).as("a node still creating its lock").exists();

    // A second application context of the same JVM sweeps too: it must leave the first one's lock in force.
    BundleWorkDirectory second = new BundleWorkDirectory(root);
    Path secondFile = second.newFile(9);
    assertThat(firstFile).exists();
    assertThat(heldByAnotherProcess(firstFile.resolveSibling(".lock"))).isTrue();

    first.destroy();
    assertThat(firstFile.getParent()).as("a node removes its own directory when it stops").doesNotExist();
    assertThat(secondFile).exists();
    second.destroy();
  }

  private Path probe() throws IOException {
    return Files.writeString(probeDir.resolve("LockProbe.java"), LOCK_PROBE, StandardCharsets.UTF_8);
  }

  private boolean heldByAnotherProcess(Path lockFile) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), probe().toString(), lockFile.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    assertThat(exit).as(output).isIn(0, 1);
    return exit == 1;
  }
}
