package dev.tenure.api.people;

/** What a person may do: CSMs work their own accounts and tasks; CS ops and admins see everything. */
public enum Role {
    ADMIN, CS_OPS, CSM;

    String authority() {
        return "ROLE_" + name();
    }
}
