package vn.giaydiduong.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each node locks jobs under a stable name ({@code giaydiduong.node-name}, default host name and port) instead of
 * Camunda's random one per start, so that a node started again after it died (killed, out of memory) recognizes
 * the jobs its previous incarnation had taken: it releases them before its job executor acquires anything, and
 * they run again at once instead of waiting for their lock to expire
 * ({@code camunda.bpm.job-execution.lock-time-in-millis}, 2 minutes). Locks of other names are left alone: two
 * live nodes must never share a name, or a starting node would release the jobs the other one is running.
 */
@Component
public class NodeJobLocks extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(NodeJobLocks.class);

  private final String nodeName;
  private ProcessEngineConfigurationImpl configuration;

  /** Without a configured name: the host name and the HTTP port, so two nodes on one host never share one. */
  public NodeJobLocks(@Value("${giaydiduong.node-name:}") String nodeName,
      @Value("${server.port:8080}") int port) {
    this.nodeName = nodeName.isBlank() ? hostName() + ":" + port : nodeName.strip();
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    configuration.getJobExecutor().setLockOwner(nodeName);
  }

  /**
   * The engine is built and its schema is up to date; the Spring Boot starter starts the job executor only later,
   * when the process application has started.
   */
  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    int released = new JdbcTemplate(configuration.getDataSource()).update("update "
        + configuration.getDatabaseTablePrefix() + "ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null "
        + "where LOCK_OWNER_ = ?", nodeName);
    log.info("Node {}: released {} job lock(s) left by its previous run", nodeName, released);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("No host name: set giaydiduong.node-name (GIAYDIDUONG_NODE_NAME)", e);
    }
  }
}
