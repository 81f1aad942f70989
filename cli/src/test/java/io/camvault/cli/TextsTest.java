package io.camvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void bothLanguagesHaveEveryKeyAndEveryPatternParses() {
        ResourceBundle en = Texts.bundle(Locale.ROOT);
        ResourceBundle zh = Texts.bundle(Locale.SIMPLIFIED_CHINESE);
        assertThat(zh.getLocale().getLanguage()).isEqualTo("zh");
        assertThat(zh.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
        for (String key : en.keySet()) {
            new MessageFormat(en.getString(key));
            new MessageFormat(zh.getString(key));
        }
    }

    @Test
    void chineseWhenAskedEnglishOtherwise() {
        assertThat(Texts.get(Locale.SIMPLIFIED_CHINESE, "token.revoked", "desk-1 (p_0123456789ab)"))
                .isEqualTo("已吊销 desk-1 (p_0123456789ab) 的令牌；其下一次请求将被拒绝");
        assertThat(Texts.get(Locale.ROOT, "token.revoked", "desk-1 (p_0123456789ab)"))
                .isEqualTo("revoked the token of desk-1 (p_0123456789ab); its next request is refused");
    }
}
