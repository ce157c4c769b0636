/** What every page shares: who is looking (Viewer), the layout's model, and the pages shown when a viewer may not look. */
package dev.tenure.api.pages;
