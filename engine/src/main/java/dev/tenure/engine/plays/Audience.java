package dev.tenure.engine.plays;

import dev.tenure.engine.vocabulary.Stage;

import java.util.Optional;

/**
 * Which accounts a play is for ({@code accounts:} in its file): {@code ACTIVE} (the default) for customers,
 * {@code CHURNED} for accounts that cancelled (a win-back play). Decided here for the start guard, a due step,
 * the scenario runner, the dry run and the backtest alike.
 */
public enum Audience {
    ACTIVE, CHURNED;

    /** The reason given when a play for active accounts meets a churned one. */
    public static final String CHURNED_ACCOUNT = "the account churned";
    /** The reason given when a play for churned accounts meets an active one. */
    public static final String ACTIVE_ACCOUNT = "the play is for churned accounts and the account is active";

    /** Why a play for this audience may not start, or go on, for an account at {@code stage}; empty when it may. */
    public Optional<String> refusal(Stage stage) {
        if (stage == null || admits(stage)) {
            return Optional.empty();
        }
        return Optional.of(this == ACTIVE ? CHURNED_ACCOUNT : ACTIVE_ACCOUNT);
    }

    public boolean admits(Stage stage) {
        return stage.active() == (this == ACTIVE);
    }
}
