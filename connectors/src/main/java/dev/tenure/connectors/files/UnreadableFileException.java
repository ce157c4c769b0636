package dev.tenure.connectors.files;

/** A dropped file that cannot be read as a whole (its name, header or encoding); it goes to error/. */
public class UnreadableFileException extends RuntimeException {

    public UnreadableFileException(String message) {
        super(message);
    }

    public UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
