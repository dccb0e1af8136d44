package vn.giaydiduong.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Runs on H2 with the real Flyway migration. */
@SpringBootTest
@ActiveProfiles("test")
class SigningKeyStoreTest {

  @Autowired
  SigningKeyStore store;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  JdbcClient jdbcClient;
  @Autowired
  PlatformTransactionManager transactionManager;
  @Autowired
  PassCodec codec;

  @Test
  void keyIsGeneratedOncePerWard() {
    SigningKey first = store.activeKey("00101");
    SigningKey again = store.activeKey("00101");
    SigningKey otherWard = store.activeKey("00102");

    assertThat(again.kid()).isEqualTo(first.kid());
    assertThat(otherWard.kid()).isNotEqualTo(first.kid());
    assertThat(rows("00101")).isEqualTo(1);
    assertThat(store.publicKey(first.kid())).contains(first.publicKey());
  }

  @Test
  void concurrentFirstUseEndsWithOneKey() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 30; i++) {
        String ward = String.format("02%03d", i);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<SigningKey>> results = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          results.add(pool.submit(() -> {
            start.await();
            return store.activeKey(ward);
          }));
        }

        assertThat(results.get(0).get().kid()).isEqualTo(results.get(1).get().kid());
        assertThat(rows(ward)).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void privateKeyIsEncryptedAtRest() {
    SigningKey key = store.activeKey("00103");
    byte[] stored = jdbc.queryForObject("select private_key_enc from signing_key where kid = ?", byte[].class,
        key.kid());

    assertThatThrownBy(() -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(stored)))
        .isInstanceOf(InvalidKeySpecException.class);
    // And the key that comes back out still signs verifiably.
    DecodedPass decoded = codec.decode(codec.encode(PassFixtures.claims("Nguyễn Thị Hằng"), key));
    assertThat(codec.verifySignature(decoded, store.publicKey(decoded.kid()).orElseThrow())).isTrue();
  }

  @Test
  void rotationKeepsOldPassesVerifiable() {
    SigningKey old = store.activeKey("00104");
    String oldPass = codec.encode(PassFixtures.claims("Đặng Văn Ưng"), old);

    SigningKey fresh = store.rotate("00104");

    assertThat(fresh.kid()).isNotEqualTo(old.kid());
    assertThat(store.activeKey("00104").kid()).isEqualTo(fresh.kid());
    DecodedPass decoded = codec.decode(oldPass);
    assertThat(codec.verifySignature(decoded, store.publicKey(decoded.kid()).orElseThrow())).isTrue();
    assertThat(store.allPublicKeys()).filteredOn(e -> e.wardCode().equals("00104"))
        .extracting(PublicKeyEntry::kid, e -> e.retiredAt() != null)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(old.kid(), true),
            org.assertj.core.groups.Tuple.tuple(fresh.kid(), false));
  }

  @Test
  void wrongMasterKeyCannotUseStoredKeys() {
    store.activeKey("00105");
    String otherMasterKey = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    SigningKeyStore withWrongKey = new SigningKeyStore(jdbcClient, new PrivateKeyCipher(otherMasterKey),
        transactionManager, event -> { });

    assertThatThrownBy(() -> withWrongKey.activeKey("00105"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("giaydiduong.keys.master-key");
  }

  @Test
  void startupFailsWithoutAUsableMasterKey() {
    ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(PrivateKeyCipher.class);

    runner.run(context -> assertThat(context).getFailure().rootCause()
        .hasMessageContaining("giaydiduong.keys.master-key is not set"));
    runner.withPropertyValues("giaydiduong.keys.master-key=c2hvcnQ=")
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("must decode to 32 bytes"));
    runner.withPropertyValues("giaydiduong.keys.master-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
        .run(context -> assertThat(context).hasNotFailed());
  }

  private int rows(String ward) {
    return jdbc.queryForObject("select count(*) from signing_key where ward_code = ?", Integer.class, ward);
  }
}
