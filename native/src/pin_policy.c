/*
 * The token's own password quality, as an eToken enforces its ETCKH_PIN_POLICY when a
 * user PIN is set: too short → CKR_PIN_LEN_RANGE; "mixed characters" required and the
 * PIN is all letters or all digits → CKR_PIN_INVALID. (The history is reported, not
 * enforced: the sim keeps no PINs, not even hashed.) Caller holds sim.lock.
 */
#include <ctype.h>

#include "sim.h"

CK_RV sim_pin_policy_check(const CK_UTF8CHAR *pin, CK_ULONG length) {
  if (length < sim.policy.min_len) return CKR_PIN_LEN_RANGE;
  if (sim.policy.mix_chars) {
    int letters = 0, digits = 0;
    for (CK_ULONG i = 0; i < length; i++) {
      if (isdigit(pin[i])) digits = 1;
      else if (isalpha(pin[i])) letters = 1;
    }
    if (!letters || !digits) return CKR_PIN_INVALID;
  }
  return CKR_OK;
}
