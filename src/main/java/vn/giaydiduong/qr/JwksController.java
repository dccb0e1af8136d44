package vn.giaydiduong.qr;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import java.security.interfaces.ECPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Publishes every ward police unit's pass-verification key, retired ones included, so offline
 * checkers can sync them. "ward" and "retired_at" are our own members; JWK consumers ignore
 * unknown members (RFC 7517 §4).
 */
@RestController
public class JwksController {

  private final SigningKeyStore keys;
  private final WardRegistry wards;

  JwksController(SigningKeyStore keys, WardRegistry wards) {
    this.keys = keys;
    this.wards = wards;
  }

  @GetMapping(path = "/api/keys", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> keys() {
    // Nimbus's JWKSet cannot carry non-standard members, so the set wrapper is built here.
    // The ward's name lets an offline checkpoint show the issuing ward as the online answer does.
    Map<String, String> wardNames = wards.all().stream()
        .collect(Collectors.toMap(Ward::code, w -> w.name() + ", " + w.districtName()));
    List<Map<String, Object>> jwks = keys.allPublicKeys().stream()
        .map(entry -> jwk(entry, wardNames.get(entry.wardCode()))).toList();
    return Map.of("keys", jwks);
  }

  private static Map<String, Object> jwk(PublicKeyEntry entry, String wardName) {
    ECKey key = new ECKey.Builder(Curve.P_256, (ECPublicKey) entry.publicKey())
        .keyID(entry.kid())
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.ES256)
        .build();
    Map<String, Object> json = new LinkedHashMap<>(key.toPublicJWK().toJSONObject());
    json.put("ward", entry.wardCode());
    json.put("ward_name", wardName);
    json.put("created_at", entry.createdAt().toString());
    if (entry.retiredAt() != null) {
      json.put("retired_at", entry.retiredAt().toString());
    }
    return json;
  }
}
