package dev.shadowtrainer.config;

import java.util.regex.Pattern;

/** Keeps passwords out of anything printed: logs, summaries, errors. */
public final class DatabaseUrls {
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^:/@?#]+:)[^@/?#]*@");
    private static final Pattern PARAM_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    private DatabaseUrls() {
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = USERINFO_PASSWORD.matcher(url).replaceAll("$1***@");
        return PARAM_PASSWORD.matcher(out).replaceAll("$1***");
    }
}
