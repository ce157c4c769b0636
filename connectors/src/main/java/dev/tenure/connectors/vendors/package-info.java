/** What every vendor source shares: its event, once translated into a canonical record, is taken in like any other. */
package dev.tenure.connectors.vendors;
