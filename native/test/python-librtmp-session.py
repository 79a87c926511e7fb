#!/usr/bin/python3
"""One session with Debian's python-librtmp (python3-librtmp), the side-by-side of
PythonLibrtmpTest: connect, a remote call answered, a method the server invokes answered by an
invoke handler, a second call, then a packet sent as given. Prints each answer on its own line.

Usage: python-librtmp-session.py URL
"""
import sys

import librtmp
from librtmp.amf import encode_amf
from librtmp.packet import PACKET_SIZE_MEDIUM, PACKET_TYPE_INVOKE, RTMPPacket


def main(url):
    conn = librtmp.RTMP(url, timeout=10)

    @conn.invoke_handler
    def onCustom(arg):
        return "hi back"

    conn.connect()
    print(conn.call("getAnswer", 1.0, "two").result(timeout=10))
    print(conn.call("last").result(timeout=10))
    body = b"".join(encode_amf(v) for v in ["fromJava", 0.0, None, 42.0])
    conn.send_packet(RTMPPacket(type=PACKET_TYPE_INVOKE, format=PACKET_SIZE_MEDIUM, channel=0x03, body=body),
                     queue=False)
    conn.close()


if __name__ == "__main__":
    main(sys.argv[1])
