package dev.tenure.connectors.vendors;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A vendor's event as Tenure reads it: a canonical record (the same fields as a webhook or a file
 * would carry) or, for an event type Tenure has no use for, the reason it is ignored.
 */
public record VendorEvent(String label, ObjectNode record, String ignoredBecause) {

    public static VendorEvent of(String label, ObjectNode record) {
        return new VendorEvent(label, record, null);
    }

    public static VendorEvent ignored(String label, String because) {
        return new VendorEvent(label, null, because);
    }

    public boolean ignored() {
        return record == null;
    }
}
