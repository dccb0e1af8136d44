package vn.giaydiduong.qr;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The wards' keys as the application stores them, for runners outside its JVM (benchmarks on testing.AppProcess). */
public final class StoredKeys {

  private StoredKeys() {
  }

  /**
   * The ward's active key in that database, made on first use exactly as the application makes it, encrypted with
   * {@code masterKey} (the application's {@code giaydiduong.keys.master-key}).
   */
  public static SigningKey activeKey(DataSource database, String masterKey, String wardCode) {
    return new SigningKeyStore(JdbcClient.create(database), new PrivateKeyCipher(masterKey),
        new DataSourceTransactionManager(database), event -> { }).activeKey(wardCode);
  }
}
