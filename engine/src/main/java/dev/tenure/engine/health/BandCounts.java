package dev.tenure.engine.health;

/** Accounts per band; {@code unscored} have no health score yet. */
public record BandCounts(int good, int average, int poor, int unscored) {

    static final BandCounts NONE = new BandCounts(0, 0, 0, 0);

    public int total() {
        return good + average + poor + unscored;
    }

    public int of(String band) {
        return switch (band) {
            case "GOOD" -> good;
            case "AVERAGE" -> average;
            case "POOR" -> poor;
            default -> unscored;
        };
    }

    BandCounts plus(String band) {
        return switch (band == null ? "UNSCORED" : band) {
            case "GOOD" -> new BandCounts(good + 1, average, poor, unscored);
            case "AVERAGE" -> new BandCounts(good, average + 1, poor, unscored);
            case "POOR" -> new BandCounts(good, average, poor + 1, unscored);
            default -> new BandCounts(good, average, poor, unscored + 1);
        };
    }
}
