package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.Contact;
import dev.tenure.engine.vocabulary.ContactRole;
import dev.tenure.engine.vocabulary.Segment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.tenure.api.demo.DemoAccounts.between;

/**
 * Three to five people per account. Every account has a champion and a billing contact, since plays
 * address those two; larger accounts usually add an executive sponsor and an admin. A few users have
 * left or unsubscribed, so the guardrails have someone to protect.
 */
final class DemoContacts {

    private static final List<String> FIRST_NAMES = List.of("Avery", "Bianca", "Carlos", "Deepa", "Elliot", "Fatima",
            "Gareth", "Hana", "Isaac", "Jolene", "Kenji", "Leila", "Mateo", "Nadia", "Owen", "Paloma", "Quentin",
            "Rosa", "Samir", "Tamsin", "Uma", "Victor", "Wendy", "Xavier", "Yasmin", "Zoltan", "Amara", "Bruno",
            "Chloe", "Dmitri", "Esther", "Felix", "Grace", "Hugo", "Ingrid", "Jonah");
    private static final List<String> LAST_NAMES = List.of("Abara", "Bergström", "Castillo", "Dubois", "Eriksen",
            "Fitzgerald", "Gallagher", "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindgren", "Moreau", "Nakamura",
            "Okafor", "Petrov", "Quinn", "Rossi", "Sandoval", "Tanaka", "Ueda", "Varga", "Whitfield", "Xu", "Yilmaz",
            "Zimmermann", "Achebe", "Brennan", "Chowdhury", "Delgado");

    private final long seed;

    DemoContacts(long seed) {
        this.seed = seed;
    }

    List<Contact> of(DemoAccount account) {
        Random random = account.random(seed, "contacts");
        Segment segment = account.account().segment();
        List<ContactRole> roles = new ArrayList<>(List.of(ContactRole.CHAMPION, ContactRole.BILLING));
        if (segment == Segment.HIGH_TOUCH || random.nextDouble() < (segment == Segment.LOW_TOUCH ? 0.7 : 0.3)) {
            roles.add(ContactRole.EXEC_SPONSOR);
        }
        if (segment == Segment.HIGH_TOUCH || random.nextDouble() < (segment == Segment.LOW_TOUCH ? 0.7 : 0.5)) {
            roles.add(ContactRole.ADMIN);
        }
        int size = Math.max(roles.size(), between(random, 3, 5));
        while (roles.size() < size) {
            roles.add(ContactRole.USER);
        }

        List<Contact> contacts = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (ContactRole role : roles) {
            String first;
            String last;
            do { // no two people at one company share a first or a last name, so nobody mixes them up
                first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
                last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
            } while (taken.contains(first) || taken.contains(last));
            taken.add(first);
            taken.add(last);
            // Only plain users ever leave or unsubscribe: the stories need champion and billing contact reachable.
            // At an account near a risky renewal the executive sponsor has left too (health's relationship part).
            boolean user = role == ContactRole.USER;
            boolean sponsorLeft = role == ContactRole.EXEC_SPONSOR && account.story() == Story.RENEWAL_RISK;
            boolean active = !sponsorLeft && (!user || random.nextDouble() >= 0.08);
            boolean unsubscribed = user && active && random.nextDouble() < 0.12;
            contacts.add(new Contact(account.id(), email(first, last, account.slug()), first + " " + last, role,
                    account.account().timezone(), active, unsubscribed));
        }
        return contacts;
    }

    private static String email(String first, String last, String slug) {
        String local = (first + "." + last).toLowerCase()
                .replace("ö", "o").replace("ä", "a").replace("å", "a").replaceAll("[^a-z.]", "");
        return local + "@" + slug + ".example";
    }
}
