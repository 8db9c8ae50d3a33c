package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.javalin.http.HttpStatus;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void shouldSliceThePageAndCountEveryItem() {
        Map<String, Object> page = new PageRequest(1, 2).of(List.of("a", "b", "c", "d", "e"));

        assertThat(page).containsEntry("page", 1).containsEntry("size", 2).containsEntry("total", 5L)
                .containsEntry("items", List.of("c", "d"));
    }

    @Test
    void shouldAnswerAnEmptyPageBeyondTheLastOne() {
        assertThat(new PageRequest(3, 2).of(List.of("a", "b", "c")).get("items")).isEqualTo(List.of());
    }

    @Test
    void shouldRefuseAPageLargerThan500() {
        assertThatThrownBy(() -> new PageRequest(0, 501)).isInstanceOf(ApiException.class)
                .hasMessage("size must be at most 500, was 501")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThat(new PageRequest(0, 500).size()).isEqualTo(500);
    }

    @Test
    void shouldRefuseNegativePagesAndEmptySizes() {
        assertThatThrownBy(() -> new PageRequest(-1, 10)).hasMessage("page must be 0 or more, was -1");
        assertThatThrownBy(() -> new PageRequest(0, 0)).hasMessage("size must be 1 or more, was 0");
    }
}
