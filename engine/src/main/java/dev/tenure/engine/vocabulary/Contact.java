package dev.tenure.engine.vocabulary;

/** A person at a customer account. */
public record Contact(String accountId, String email, String name, ContactRole role, String timezone,
                     boolean active, boolean unsubscribed) {

    public boolean reachable() {
        return active && !unsubscribed;
    }
}
