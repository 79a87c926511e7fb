package org.nativertmp.testkit;

/**
 * One connection a {@link ScriptedRtmpServer} served.
 *
 * @param id              the connection's number, from 1 in accept order
 * @param transcript      both directions, as the recorder keeps them
 * @param scriptCompleted whether every step of the script ran
 * @param scriptEnd       how the script ended, in words ("every step ran", "the client sent no
 *                        publish within 5 s", ...)
 */
public record ScriptedSession(int id, WireTranscript transcript, boolean scriptCompleted, String scriptEnd) {
}
