package dev.tenure.connectors.files;

import dev.tenure.connectors.deadletters.DeadLetterRecorder;
import dev.tenure.connectors.deadletters.DeadLetterRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.time.Instant;

/**
 * Takes files dropped into the inbox, one at a time in name order (so {@code accounts*} comes before
 * the signals that name them), and moves each to {@code done/} once read, or to {@code error/} when it
 * could not be read at all. Bad lines do not fail a file: they become dead letters of their own.
 */
@Component
class FileDropRoute extends RouteBuilder {

    static final String ROUTE_ID = "file-drop";
    /** The inbox's folder of the file being read. */
    static final String READING = ".reading";

    private final FileDropProperties properties;
    private final FileIngest ingest;
    private final IdempotentRepository takenFiles;
    private final FileIdentity identity = new FileIdentity();
    private final ReadingFolder reading;

    FileDropRoute(FileDropProperties properties, FileIngest ingest,
                  @Qualifier(FileDropConfiguration.IDEMPOTENT_REPOSITORY) IdempotentRepository takenFiles) {
        this.properties = properties;
        this.ingest = ingest;
        this.takenFiles = takenFiles;
        this.reading = new ReadingFolder(properties.inboxPath());
    }

    @Override
    public void configure() {
        for (java.nio.file.Path file : reading.stranded()) {
            log.warn("{} is from a read that has not finished. If no node is reading it (a node stopped mid-file), the lines "
                    + "read before were stored; to read the rest, move it into the inbox with a new modification time (touch it), "
                    + "unless a later export of its kind was read since: its accounts and contacts would replace the later ones.", file);
        }
        FileEndpoint inbox = endpoint(inboxUri(), FileEndpoint.class);
        // Set in Java: in the URI, an expression bean is easily taken for a simple-language string.
        inbox.setIdempotentKey(identity);
        from(inbox)
                .routeId(ROUTE_ID)
                .routeConfigurationId(DeadLetterRoutes.DEAD_LETTER_CHANNEL)
                // Only files that were read are remembered: one that went to error/ (say, while the
                // database was down) can be dropped again as it is.
                .onCompletion().onWhen(exchangeProperty(DeadLetterRecorder.DEAD_LETTERED).isEqualTo(true))
                    .process(exchange -> takenFiles.remove(identity.evaluate(exchange, String.class)))
                .end()
                .setProperty(DeadLetterRecorder.SOURCE, constant(ChunkedIntake.SOURCE))
                .setProperty(DeadLetterRecorder.ORIGIN, header(Exchange.FILE_NAME_ONLY))
                .process(this::ingest)
                .log("${body}");
    }

    private void ingest(Exchange exchange) throws Exception {
        reading.sweep();
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Long lastModified = exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        Instant writtenAt = lastModified == null || lastModified <= 0 ? null : Instant.ofEpochMilli(lastModified);
        try (InputStream content = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            exchange.getMessage().setBody(ingest.ingest(name, writtenAt, content));
        }
    }

    private String inboxUri() {
        return "file:" + properties.inboxPath()
                // Any other file (a README, an upload still named .part) is left alone.
                + "?antInclude=*.csv,*.jsonl,*.ndjson&antFilterCaseSensitive=false"
                + "&sortBy=file:name"
                + "&delay=" + properties.pollDelay().toMillis()
                // A file still being copied in keeps changing: read it once it has been still for a while.
                + "&readLock=changed"
                + "&readLockMinAge=" + properties.settleTime().toMillis()
                + "&readLockCheckInterval=" + properties.settleTime().toMillis()
                // The same file (see FileIdentity) dropped again is skipped and left in the inbox. The key is
                // stored as a file is picked up, so of several nodes sharing the inbox only one takes it.
                + "&idempotent=true"
                + "&idempotentRepository=#" + FileDropConfiguration.IDEMPOTENT_REPOSITORY
                // Out of the inbox before it is read: the move to done/ is by name, so a file written under the same
                // name while this one was read would otherwise be moved there unread. Here it is a new file, read next.
                // A folder of its own per read: a move onto a file of the same name replaces it (see ReadingFolder).
                + "&preMove=" + READING + "/${exchangeId}/${file:onlyname}"
                // The dead letter channel handles a failure, so the file consumer would take the file as done:
                // the folder is chosen by whether the exchange was dead-lettered.
                + "&move=${iif(${exchangeProperty." + DeadLetterRecorder.DEAD_LETTERED + "} == true,error,done)}/${file:name}"
                + "&moveFailed=error/${file:name}";
    }
}
