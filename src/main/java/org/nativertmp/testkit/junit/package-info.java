/**
 * JUnit 5 support for the comparison kit: {@link org.nativertmp.testkit.junit.RtmpAssertions}
 * and {@link org.nativertmp.testkit.junit.RtmpRecorderExtension}. JUnit Jupiter is not a
 * dependency of native-rtmp: a project that uses this package has it already.
 */
package org.nativertmp.testkit.junit;
