package org.nativertmp.internal;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/**
 * An {@code RTMP*} from {@code nrtmp_alloc}. Opaque: its fields are read through shim accessors.
 * Public only because JNA instantiates it reflectively (a public class with a public no-arg
 * constructor); nothing outside this package can obtain one.
 */
public final class RtmpHandle extends PointerType {
    public RtmpHandle() {
    }

    public RtmpHandle(Pointer p) {
        super(p);
    }
}
