package org.nativertmp;

/** The server answered {@link NativeRtmp#call} with {@code _error}; {@link #result()} is what it sent. */
public class RemoteCallException extends RtmpException {
    private static final long serialVersionUID = 1L;
    private final transient CallResult result;

    public RemoteCallException(String message, CallResult result) {
        super(message);
        this.result = result;
    }

    /** The {@code _error} answer, decoded. */
    public CallResult result() {
        return result;
    }
}
