package dev.tenure.engine.vocabulary;

/**
 * Where an account is in its customer journey. {@code CHURNED}: the customer cancelled (a
 * {@code SUBSCRIPTION_CANCELLED} billing signal, or a source said so) and has not come back since; only plays
 * for churned accounts start or send for it.
 */
public enum Stage {
    ONBOARDING, ADOPTION, VALUE, RENEWAL, EXPANSION, ADVOCACY, CHURNED;

    /** True for a stage of a paying customer, false for {@code CHURNED}. */
    public boolean active() {
        return this != CHURNED;
    }
}
