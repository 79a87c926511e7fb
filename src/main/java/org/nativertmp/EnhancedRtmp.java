package org.nativertmp;

/**
 * The capability flags of Enhanced RTMP's connect (Veovera's specification v2, "Enhancing
 * NetConnection connect Command"), for {@link RtmpOptions.Builder#videoFourCcInfoMap},
 * {@link RtmpOptions.Builder#audioFourCcInfoMap} and {@link RtmpOptions.Builder#capsEx}. The
 * FourCCs themselves are in {@link org.nativertmp.flv.FourCc}; {@link #ANY_CODEC} is the
 * wildcard.
 */
public final class EnhancedRtmp {
    /** FourCcInfoMask: the client can decode the codec. */
    public static final int CAN_DECODE = 0x01;
    /** FourCcInfoMask: the client can encode (and so publish) the codec. */
    public static final int CAN_ENCODE = 0x02;
    /** FourCcInfoMask: the client can forward the codec without decoding it. */
    public static final int CAN_FORWARD = 0x04;

    /** CapsExMask: NetConnection.Connect.ReconnectRequest is understood. */
    public static final int CAPS_RECONNECT = 0x01;
    /** CapsExMask: multitrack audio and video. */
    public static final int CAPS_MULTITRACK = 0x02;
    /** CapsExMask: the ModEx signal can be parsed. */
    public static final int CAPS_MOD_EX = 0x04;
    /** CapsExMask: nanosecond timestamp offsets. */
    public static final int CAPS_TIMESTAMP_NANO_OFFSET = 0x08;

    /** The FourCC wildcard: any codec (in fourCcList and as a key of the info maps). */
    public static final String ANY_CODEC = "*";

    private EnhancedRtmp() {
    }
}
