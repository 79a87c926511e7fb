package org.nativertmp.internal;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

/** An {@code RTMP*} from {@code RTMP_Alloc}. Opaque: its fields are read through shim accessors. */
public final class RtmpHandle extends PointerType {
    public RtmpHandle() {
    }

    public RtmpHandle(Pointer p) {
        super(p);
    }
}
