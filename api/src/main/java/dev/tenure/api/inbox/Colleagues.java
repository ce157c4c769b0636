package dev.tenure.api.inbox;

import dev.tenure.api.people.People;
import dev.tenure.api.people.Person;
import dev.tenure.engine.tasks.Inbox;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;

/**
 * Who a task may be handed to: a person who signs in to Tenure and is not deactivated. A task handed to an
 * address nobody reads would vanish, so the page and the API both ask here before handing over.
 */
@Component
class Colleagues {

    private final People people;

    Colleagues(People people) {
        this.people = people;
    }

    /** Everyone a task may be handed to, by name. */
    List<Person> active() {
        return people.list().stream().filter(Person::enabled)
                .sorted(Comparator.comparing((Person p) -> p.displayName().toLowerCase(java.util.Locale.ROOT)).thenComparing(Person::email))
                .toList();
    }

    /** The address of an active person, or a refusal naming the field. */
    String require(String field, String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException(field + ": choose a colleague to hand over to");
        }
        String email = Inbox.requireAddress(field, address);
        if (people.find(email).filter(Person::enabled).isEmpty()) {
            throw new IllegalArgumentException(field + ": " + email
                    + " is not an active person in Tenure; hand over to someone who signs in (see the list)");
        }
        return email;
    }
}
