package vn.giaydiduong.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class PassPdfRendererBeanTest {

    @Test
    void isASpringSingletonBean() {
        try (var context = new AnnotationConfigApplicationContext("vn.giaydiduong.pdf")) {
            PassPdfRenderer renderer = context.getBean(PassPdfRenderer.class);
            assertThat(context.getBean(PassPdfRenderer.class)).isSameAs(renderer);
            assertThat(renderer.renderPass(SamplePasses.marketCard("Đặng Văn Ưng", 5))).startsWith("%PDF".getBytes());
        }
    }
}
