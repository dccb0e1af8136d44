package vn.giaydiduong.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;

@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class JwksControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    SigningKeyStore store;

    @Test
    void publishesEveryWardKeyWithItsKid() throws Exception {
        SigningKey retired = store.activeKey("00301");
        SigningKey active = store.rotate("00301");
        String byKid = "$.keys[?(@.kid == '%s')]";

        String body = mvc.perform(get("/api/keys"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath(byKid + ".kty", active.kid()).value("EC"))
                .andExpect(jsonPath(byKid + ".crv", active.kid()).value("P-256"))
                .andExpect(jsonPath(byKid + ".use", active.kid()).value("sig"))
                .andExpect(jsonPath(byKid + ".alg", active.kid()).value("ES256"))
                .andExpect(jsonPath(byKid + ".ward", active.kid()).value("00301"))
                .andExpect(jsonPath(byKid + ".retired_at", active.kid()).doesNotExist())
                .andExpect(jsonPath(byKid + ".retired_at", retired.kid()).exists())
                .andExpect(jsonPath("$.keys[*].d").doesNotExist())
                .andReturn().getResponse().getContentAsString();

        // x and y must be the real key, not just well-formed.
        ECKey published = JWKSet.parse(body).getKeyByKeyId(active.kid()).toECKey();
        assertThat(published.toECPublicKey()).isEqualTo(active.publicKey());
    }
}
