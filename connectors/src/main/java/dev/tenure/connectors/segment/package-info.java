/** Usage from Segment's HTTP tracking API: track, identify, group and batch calls mapped to usage signals and contacts. */
package dev.tenure.connectors.segment;
