package dev.shadowtrainer.patterns;

/** Whether a pattern's entries are allowed; stored in lower case. */
public enum PatternStatus {
    /** Entries allowed. */
    ACTIVE,
    /** A trusted pattern whose win rate inverted: the simulator refuses entries that match it. */
    BLACKLISTED;

    String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static PatternStatus ofDbName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
