/**
 * AMF0, the Action Message Format of RTMP's commands and data messages (Adobe's AMF0
 * specification, 2007), as plain Java values: an encoder and a strict decoder.
 *
 * <table class="striped">
 * <caption>AMF0 types and their Java values</caption>
 * <thead><tr><th>AMF0 type (marker)</th><th>decoded as</th><th>encoded from</th></tr></thead>
 * <tbody>
 * <tr><td>number (0x00)</td><td>{@link java.lang.Double}</td><td>any {@link java.lang.Number}
 *     a double holds exactly ({@code long} values beyond 2<sup>53</sup> are refused)</td></tr>
 * <tr><td>boolean (0x01)</td><td>{@link java.lang.Boolean}</td><td>{@link java.lang.Boolean}</td></tr>
 * <tr><td>string (0x02), long string (0x0C)</td><td>{@link java.lang.String}</td><td>any
 *     {@link java.lang.CharSequence}; a long string beyond 65535 UTF-8 bytes</td></tr>
 * <tr><td>object (0x03)</td><td>{@link java.util.LinkedHashMap}, keys in wire order</td><td>any
 *     {@link java.util.Map} with {@code String} keys, in its iteration order</td></tr>
 * <tr><td>ECMA array (0x08)</td><td>{@link org.nativertmp.amf0.EcmaArray} (a map, keys in wire
 *     order)</td><td>{@link org.nativertmp.amf0.EcmaArray}</td></tr>
 * <tr><td>strict array (0x0A)</td><td>{@link java.util.ArrayList}</td><td>any {@link java.util.List}</td></tr>
 * <tr><td>null (0x05)</td><td>{@code null}</td><td>{@code null}</td></tr>
 * <tr><td>undefined (0x06)</td><td>{@link org.nativertmp.amf0.Undefined#UNDEFINED}</td>
 *     <td>{@link org.nativertmp.amf0.Undefined#UNDEFINED}</td></tr>
 * <tr><td>date (0x0B)</td><td>{@link org.nativertmp.amf0.Amf0Date}</td><td>{@link
 *     org.nativertmp.amf0.Amf0Date}, {@link java.time.Instant}</td></tr>
 * </tbody>
 * </table>
 *
 * <p>What RTMP clients send in commands and data uses only these types (the tests decode what
 * librtmp, ffmpeg and Red5's client send). The others are refused with their name and byte offset:
 * references (0x07), typed objects (0x10), XML documents (0x0F), the reserved movie clip and
 * record set markers (0x04, 0x0E), unsupported (0x0D) and the switch to AMF3 (0x11).
 *
 * <p>The decoder is strict: whatever it is given, it returns values or throws a
 * {@link org.nativertmp.amf0.MalformedAmf0Exception} that names the byte offset where the input
 * stops being AMF0, never another exception, and it allocates nothing a length field asks for
 * before that many bytes are there. Beyond the markers it refuses a string that is not
 * well-formed UTF-8, an object or ECMA array with the same key twice (a {@code Map} could not
 * hold both), an object-end marker where a value belongs, an object or array the input ends
 * in, and nesting deeper than {@value org.nativertmp.amf0.Amf0Decoder#MAX_DEPTH} levels. An ECMA
 * array's count is not checked against its entries (the specification calls it a hint): the
 * object-end marker ends the array.
 *
 * <pre>{@code
 * byte[] connect = Amf0.encode("connect", 1.0, Map.of("app", "live"));
 * List<Object> values = Amf0.decodeAll(connect);   // [connect, 1.0, {app=live}]
 * }</pre>
 */
package org.nativertmp.amf0;
