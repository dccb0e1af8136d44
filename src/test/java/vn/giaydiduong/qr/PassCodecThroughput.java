package vn.giaydiduong.qr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough single-thread throughput, printed, never asserted:
 * {@code ./mvnw test -Dtest=PassCodecThroughput -Dbenchmarks=true}.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class PassCodecThroughput {

  private final PassCodec codec = new PassCodec();
  private final SigningKey key = PassFixtures.newKey("00004");
  private final PassClaims claims = PassFixtures.claims("Nguyễn Thị Hằng");

  @Test
  void measure() {
    String qr = codec.encode(claims, key);
    for (int i = 0; i < 2_000; i++) { // JIT warm-up
      codec.verifySignature(codec.decode(codec.encode(claims, key)), key.publicKey());
    }
    int n = 5_000;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      codec.encode(claims, key);
    }
    double encodePerSecond = n / ((System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      codec.verifySignature(codec.decode(qr), key.publicKey());
    }
    double verifyPerSecond = n / ((System.nanoTime() - start) / 1e9);
    System.out.printf("encode+sign: %.0f/s, decode+verify: %.0f/s (one thread)%n",
        encodePerSecond, verifyPerSecond);
  }
}
