/* libFuzzer entry: the first byte chooses the role (session.h, its low bits) and the loop (its
 * top bit: the shim's or librtmp's own), the rest is what the server sends after the handshake.
 * Seeds: nrtmp-replay --write-seeds. */
#include <stddef.h>
#include <stdint.h>

#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  nrtmp_fuzz_session((enum nrtmp_fuzz_role)((data[0] & 0x7f) % NRTMP_FUZZ_ROLES),
                     data[0] & 0x80 ? NRTMP_FUZZ_LIBRTMP : NRTMP_FUZZ_SHIM, data + 1, size - 1);
  return 0;
}
