/** Every CSV download of the API and the pages is written here: cells, rows, formula neutralising and the response. */
package dev.tenure.api.csv;
