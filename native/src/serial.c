/*
 * eToken serials are 8 hex digits; SoftHSM's are 16. The sim's serial is a hash of
 * the wrapped token's serial, so it is stable across runs and processes without any
 * stored mapping (FNV-1a, 32 bits, printed upper-case).
 */
#include <stdio.h>
#include <string.h>

#include "sim.h"

void sim_serial_from_target(const unsigned char target_serial[16], char out[SIM_SERIAL_LEN + 1],
                            char trimmed[17]) {
  size_t length = 16;
  while (length > 0 && (target_serial[length - 1] == ' ' || target_serial[length - 1] == '\0')) length--;
  memcpy(trimmed, target_serial, length);
  trimmed[length] = '\0';
  unsigned long hash = 2166136261UL;
  for (size_t i = 0; i < length; i++) {
    hash ^= target_serial[i];
    hash = (hash * 16777619UL) & 0xFFFFFFFFUL;
  }
  snprintf(out, SIM_SERIAL_LEN + 1, "%08lX", hash);
}
