package dev.shadowtrainer.market;

/** Field-level text rules shared by the candle file parsers, and the quoting of text in error messages. */
final class CandleFileText {
    private static final int SHOWN_CHARS = 40;

    private CandleFileText() {
    }

    /**
     * Parses a price or volume field. Empty, {@code NaN} and infinities are accepted as values
     * (pandas writes a missing value as an empty field) so that data quality, not the parser,
     * decides what to do with them.
     *
     * @throws IllegalArgumentException when the text is not a number
     */
    static double number(String text) {
        int n = text.length();
        if (n == 0) {
            return Double.NaN;
        }
        char first = text.charAt(0);
        if ((first >= '0' && first <= '9') || first == '-' || first == '.' || first == '+') {
            if (isDecimal(text)) {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number");
                }
            }
        }
        if (text.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        String unsigned = first == '-' || first == '+' ? text.substring(1) : text;
        if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
            return first == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new IllegalArgumentException("not a number");
    }

    /** Digits, sign, point and exponent only: rejects Java-only forms like {@code 1.5d} or {@code 0x1p3}. */
    private static boolean isDecimal(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }

    /** Trims blanks (and a CR left by Windows line ends) and one pair of surrounding double quotes. */
    static String field(String line, int from, int to) {
        while (from < to && line.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && line.charAt(to - 1) <= ' ') {
            to--;
        }
        if (to - from >= 2 && line.charAt(from) == '"' && line.charAt(to - 1) == '"') {
            from++;
            to--;
        }
        return line.substring(from, to);
    }

    /** Text from a file, shortened and stripped of control characters so an error stays on one line. */
    static String shown(String text) {
        String cut = text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length() + 2).append('\'');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.append('\'').toString();
    }

    /** True when text holds characters a text candle file never has, such as NUL bytes. */
    static boolean looksBinary(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' && c != '\t' && c != '\r') {
                return true;
            }
        }
        return false;
    }
}
