package dev.tenure.engine.vocabulary;

/**
 * The one way a rule acts: the global {@code playbook}. Calls are recorded with the rule that made
 * them and the facts it matched, and carried out after the rules have run.
 */
public interface Playbook {

    /** Starts the play with this id (a file in {@code rules/plays/}) for the account. */
    void start(String play, Account account);

    /** Records that the account reached a journey milestone. */
    void recordMilestone(Account account, MilestoneType milestone);

    /** Moves the account to another journey stage. */
    void moveStage(Account account, Stage stage);
}
