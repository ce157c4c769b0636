package dev.tenure.api.demo;

import dev.tenure.engine.vocabulary.Segment;

import java.util.List;

import static dev.tenure.api.demo.Story.*;
import static dev.tenure.engine.vocabulary.Segment.*;

/** The 60 fictional companies of the demo, their segment and the story each tells. */
final class Roster {

    /** One demo company, before it is given dates, money and people. */
    record Company(String name, Segment segment, Story story) {

        /** The company's name as it appears in ids and email domains: "Bramble & Finch" → "bramble-finch". */
        String slug() {
            return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }
    }

    static final List<Company> COMPANIES = List.of(
            // High touch: 12 large accounts, a named CSM each, quarterly business reviews.
            new Company("Northwind Logistics", HIGH_TOUCH, STEADY),
            new Company("Helios Health Partners", HIGH_TOUCH, DETRACTOR),
            new Company("Bramble & Finch Insurance", HIGH_TOUCH, STEADY),
            new Company("Cobalt Ridge Energy", HIGH_TOUCH, STEADY),
            new Company("Meridian Freight Group", HIGH_TOUCH, USAGE_DROP),
            new Company("Alder Street Bank", HIGH_TOUCH, QBR_DUE),
            new Company("Quarry Hill Manufacturing", HIGH_TOUCH, STEADY),
            new Company("Solstice Retail Group", HIGH_TOUCH, STEADY),
            new Company("Tidewater Pharmaceuticals", HIGH_TOUCH, RENEWAL_RISK),
            new Company("Granite Peak Telecom", HIGH_TOUCH, HIGH_PRIORITY_TICKETS),
            new Company("Larkspur University Hospitals", HIGH_TOUCH, QBR_DUE),
            new Company("Ironbridge Capital", HIGH_TOUCH, STEADY),
            // Low touch: 18 mid-sized accounts, pooled CSMs, email-led plays with CSM tasks for escalations.
            new Company("Pinecone Analytics", LOW_TOUCH, FIRST_VALUE),
            new Company("Bluejay Dental Group", LOW_TOUCH, STEADY),
            new Company("Copperleaf Realty", LOW_TOUCH, STEADY),
            new Company("Driftwood Hotels", LOW_TOUCH, STEADY),
            new Company("Fernhill Architects", LOW_TOUCH, STEADY),
            new Company("Harbor Lane Credit Union", LOW_TOUCH, RENEWAL_RISK),
            new Company("Juniper Legal", LOW_TOUCH, USAGE_DROP),
            new Company("Kestrel Aviation Services", LOW_TOUCH, DETRACTOR),
            new Company("Lumen Field Services", LOW_TOUCH, STEADY),
            new Company("Maple & Oak Furniture", LOW_TOUCH, STEADY),
            new Company("Nimbus Payroll", LOW_TOUCH, HIGH_PRIORITY_TICKETS),
            new Company("Orchard Valley Foods", LOW_TOUCH, ONBOARDING_STALLED),
            new Company("Palisade Security", LOW_TOUCH, STEADY),
            new Company("Redwood Staffing", LOW_TOUCH, STEADY),
            new Company("Saltmarsh Brewing Co.", LOW_TOUCH, PAYMENT_FAILED),
            new Company("Thistle Veterinary Clinics", LOW_TOUCH, STEADY),
            new Company("Upland Construction", LOW_TOUCH, STEADY),
            new Company("Wrenfield Academy", LOW_TOUCH, STEADY),
            // Tech touch: 30 small accounts served by automated plays; a CSM still owns each one.
            new Company("Acorn Bookkeeping", TECH_TOUCH, STEADY),
            new Company("Beacon Yoga Studios", TECH_TOUCH, STEADY),
            new Company("Cinder Coffee Roasters", TECH_TOUCH, USAGE_DROP),
            new Company("Dovetail Woodworks", TECH_TOUCH, STEADY),
            new Company("Ember Design Studio", TECH_TOUCH, STEADY),
            new Company("Foxglove Florists", TECH_TOUCH, PAYMENT_FAILED),
            new Company("Gull Point Marina", TECH_TOUCH, STEADY),
            new Company("Hearthstone Bakery", TECH_TOUCH, STEADY),
            new Company("Inkwell Print Shop", TECH_TOUCH, STEADY),
            new Company("Jasper Bike Co.", TECH_TOUCH, STEADY),
            new Company("Kite & Kettle Cafe", TECH_TOUCH, STEADY),
            new Company("Lantern Tutoring", TECH_TOUCH, FIRST_VALUE),
            new Company("Mosaic Tile Works", TECH_TOUCH, STEADY),
            new Company("Nettle Skincare", TECH_TOUCH, STEADY),
            new Company("Otter Creek Outfitters", TECH_TOUCH, STEADY),
            new Company("Pebble Pet Supplies", TECH_TOUCH, STEADY),
            new Company("Quill Literary Agency", TECH_TOUCH, STEADY),
            new Company("Ripple Swim School", TECH_TOUCH, USAGE_DROP),
            new Company("Sparrow Photography", TECH_TOUCH, ONBOARDING_STALLED),
            new Company("Tandem Cycling Club", TECH_TOUCH, STEADY),
            new Company("Umber Interiors", TECH_TOUCH, STEADY),
            new Company("Vesper Candle Co.", TECH_TOUCH, STEADY),
            new Company("Willow Wellness", TECH_TOUCH, STEADY),
            new Company("Yarrow Farm Market", TECH_TOUCH, STEADY),
            new Company("Zephyr Kite Surf", TECH_TOUCH, STEADY),
            new Company("Birchwood Catering", TECH_TOUCH, STEADY),
            new Company("Clover Cleaning Co.", TECH_TOUCH, STEADY),
            new Company("Dune Surf School", TECH_TOUCH, STEADY),
            new Company("Elm Street Dental", TECH_TOUCH, STEADY),
            new Company("Fable Games Studio", TECH_TOUCH, STEADY));

    private Roster() {
    }
}
