package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SymbolIndexesTest {
    @Test
    void namesAreReadableDistinctForSymbolsThatReadTheSameAndWithinPostgresLimit() {
        assertThat(SymbolIndexes.name("BTC/USDT")).startsWith("trade_memory_embedding_btc_usdt_")
                .matches("[a-z0-9_]+").hasSize("trade_memory_embedding_btc_usdt_".length() + 8);
        assertThat(SymbolIndexes.name("BTC/USDT")).isEqualTo(SymbolIndexes.name("BTC/USDT"))
                .isNotEqualTo(SymbolIndexes.name("BTC-USDT")).isNotEqualTo(SymbolIndexes.name("btc/usdt"));
        assertThat(SymbolIndexes.name("A".repeat(200) + "/USDT")).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9_]+");
    }

    @Test
    void theSymbolReachesTheStatementAsALiteral() {
        assertThat(SymbolIndexes.createSql("O'K/USDT")).endsWith("WHERE symbol = 'O''K/USDT' AND indexed")
                .contains("USING hnsw (embedding vector_cosine_ops)");
    }
}
