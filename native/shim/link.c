/* native-rtmp shim, the link: what librtmp parsed from the URL and the options (r->Link), read
 * back for the Java side, which names the application and the stream in its checks and messages. */
#include "shim.h"

#include <stdio.h>

nrtmp_status nrtmp_link_text(RTMP *r, int field, char *buf, int size, int *len)
{
  const AVal *v;
  switch (field)
    {
    case NRTMP_LINK_APP:
      v = &r->Link.app;
      break;
    case NRTMP_LINK_PLAYPATH:
      v = &r->Link.playpath;
      break;
    default:
      return NRTMP_REFUSED;
    }
  *len = v->av_val ? v->av_len : 0;
  if (size > 0)
    snprintf(buf, (size_t)size, "%.*s", *len, v->av_val ? v->av_val : "");
  return NRTMP_OK;
}
