package dev.shadowtrainer.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shadowtrainer.ExitCodes;
import dev.shadowtrainer.ShadowTrainerException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MemoryUrlTest {
    @Test
    void anH2PathIsAnAbsoluteFileStore() {
        MemoryUrl u = MemoryUrl.parse("h2:data/memory/shadow-trainer");
        assertThat(u.vendor()).isEqualTo(MemoryUrl.Vendor.H2);
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:h2:file:" + Path.of("data/memory/shadow-trainer").toAbsolutePath()
                + ";DB_CLOSE_DELAY=-1");
        assertThat(MemoryUrl.parse("h2:x/store.mv.db").jdbcUrl()).endsWith("x/store;DB_CLOSE_DELAY=-1");
        assertThat(MemoryUrl.parse("h2:mem:t1").jdbcUrl()).isEqualTo("jdbc:h2:mem:t1;DB_CLOSE_DELAY=-1");
    }

    @Test
    void aPostgresUrlKeepsUserPasswordPortAndParametersButNeverShowsThePassword() {
        MemoryUrl u = MemoryUrl.parse("postgresql://trader:s%40cret@db.local:6543/shadow?sslmode=disable");
        assertThat(u.vendor()).isEqualTo(MemoryUrl.Vendor.POSTGRESQL);
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/shadow?sslmode=disable");
        assertThat(u.user()).isEqualTo("trader");
        assertThat(u.password()).isEqualTo("s@cret");
        assertThat(u.display()).isEqualTo("postgresql://trader:***@db.local:6543/shadow?sslmode=disable");
        assertThat(u.toString()).doesNotContain("cret");

        MemoryUrl plain = MemoryUrl.parse("postgresql://127.0.0.1/shadow");
        assertThat(plain.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/shadow");
        assertThat(plain.user()).isNull();
        assertThat(plain.password()).isNull();
    }

    @Test
    void anythingElseIsAUsageErrorThatHidesThePassword() {
        assertThatThrownBy(() -> MemoryUrl.parse("mysql://u:topsecret@host/db"))
                .isInstanceOfSatisfying(ShadowTrainerException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessageContaining("is not understood").hasMessageContaining("postgresql://")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> MemoryUrl.parse("h2:")).isInstanceOf(ShadowTrainerException.class);
    }
}
