package vn.giaydiduong.qr;

import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;

/**
 * Publishes every ward police unit's pass-verification key, retired ones included, so offline
 * checkers can sync them. "ward" and "retired_at" are our own members; JWK consumers ignore
 * unknown members (RFC 7517 §4).
 */
@RestController
public class JwksController {

  private final SigningKeyStore keys;

  JwksController(SigningKeyStore keys) {
    this.keys = keys;
  }

  @GetMapping(path = "/api/keys", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> keys() {
    // Nimbus's JWKSet cannot carry non-standard members, so the set wrapper is built here.
    List<Map<String, Object>> jwks = keys.allPublicKeys().stream().map(JwksController::jwk).toList();
    return Map.of("keys", jwks);
  }

  private static Map<String, Object> jwk(PublicKeyEntry entry) {
    ECKey key = new ECKey.Builder(Curve.P_256, (ECPublicKey) entry.publicKey())
        .keyID(entry.kid())
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.ES256)
        .build();
    Map<String, Object> json = new LinkedHashMap<>(key.toPublicJWK().toJSONObject());
    json.put("ward", entry.wardCode());
    json.put("created_at", entry.createdAt().toString());
    if (entry.retiredAt() != null) {
      json.put("retired_at", entry.retiredAt().toString());
    }
    return json;
  }
}
