package org.nativertmp;

/**
 * The server answered the stream setup with an error status ({@code onStatus} or
 * {@code _error} with level {@code error}), e.g. nginx-rtmp's {@code NetStream.Publish.BadName}
 * for a stream name that is already being published.
 */
public final class RtmpStatusException extends RtmpException {
    private static final long serialVersionUID = 1L;

    private final String statusCode;
    private final String description;

    public RtmpStatusException(String message, String statusCode, String description, String librtmpMessage) {
        super(message, librtmpMessage);
        this.statusCode = statusCode;
        this.description = description;
    }

    /** The status code, e.g. {@code NetStream.Publish.BadName}. */
    public String statusCode() {
        return statusCode;
    }

    /** The server's description, e.g. {@code Already publishing}; empty when it sent none. */
    public String description() {
        return description;
    }
}
