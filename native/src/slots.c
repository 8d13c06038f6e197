/*
 * Slots and tokens as an eToken shows them: the slot stays when the token is pulled
 * out (CKF_TOKEN_PRESENT cleared), the token speaks as SafeNet's eToken with an
 * 8-hex-digit serial, and its PIN flags come from the sim's own counters.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "entry_points.h"
#include "sim.h"

CK_RV sim_C_GetSlotList(CK_BBOOL token_present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count) {
  CK_RV rv = sim_enter_global("C_GetSlotList");
  if (rv != CKR_OK) return rv;
  if (count == NULL) return CKR_ARGUMENTS_BAD;
  pthread_mutex_lock(&sim.lock);
  CK_ULONG found = 0;
  for (size_t i = 0; i < sim.slot_count; i++) {
    if (token_present && !sim.slots[i].present) continue;
    if (list != NULL && found < *count) list[found] = i;
    found++;
  }
  pthread_mutex_unlock(&sim.lock);
  if (list != NULL && found > *count) rv = CKR_BUFFER_TOO_SMALL;
  *count = found;
  return rv;
}

CK_RV sim_C_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info) {
  CK_RV rv = sim_enter_slot("C_GetSlotInfo", slot, 0, NULL);
  if (rv != CKR_OK) return rv;
  if (info == NULL) return CKR_ARGUMENTS_BAD;
  char description[32];
  snprintf(description, sizeof description, "eToken sim reader %lu", (unsigned long)slot);
  memset(info, 0, sizeof *info);
  sim_pad(info->slotDescription, sizeof info->slotDescription, description);
  sim_pad(info->manufacturerID, sizeof info->manufacturerID, "SafeNet, Inc.");
  info->flags = CKF_REMOVABLE_DEVICE | CKF_HW_SLOT;
  pthread_mutex_lock(&sim.lock);
  if (sim.slots[slot].present) info->flags |= CKF_TOKEN_PRESENT;
  pthread_mutex_unlock(&sim.lock);
  info->hardwareVersion.major = 1;
  info->firmwareVersion.major = 1;
  return CKR_OK;
}

CK_RV sim_C_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  CK_SLOT_ID target;
  CK_RV rv = sim_enter_slot("C_GetTokenInfo", slot, 1, &target);
  if (rv != CKR_OK) return rv;
  if (info == NULL) return CKR_ARGUMENTS_BAD;
  if ((rv = sim.target->C_GetTokenInfo(target, info)) != CKR_OK) return rv;
  pthread_mutex_lock(&sim.lock);
  char serial[SIM_SERIAL_LEN + 1];
  memcpy(serial, sim.slots[slot].serial, sizeof serial);
  unsigned long max = sim.max_retries;
  pthread_mutex_unlock(&sim.lock);
  sim_pin_counts counts;
  sim_pins_load(serial, &counts);
  sim_pad(info->manufacturerID, sizeof info->manufacturerID, "SafeNet, Inc.");
  sim_pad(info->model, sizeof info->model, "eToken");
  sim_pad(info->serialNumber, sizeof info->serialNumber, serial);
  const CK_FLAGS pin_flags = CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED |
                             CKF_SO_PIN_COUNT_LOW | CKF_SO_PIN_FINAL_TRY | CKF_SO_PIN_LOCKED;
  info->flags = (info->flags & ~pin_flags) | sim_pin_flags(&counts, max);
  return CKR_OK;
}

CK_RV sim_C_GetMechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE_PTR list, CK_ULONG_PTR count) {
  CK_SLOT_ID target;
  CK_RV rv = sim_enter_slot("C_GetMechanismList", slot, 1, &target);
  return rv != CKR_OK ? rv : sim.target->C_GetMechanismList(target, list, count);
}

/* An old eToken makes RSA keys of 1024 bits at most: what its mechanism info says (key generation itself is not limited). */
#define SIM_LEGACY_MAX_RSA_BITS 1024

CK_RV sim_C_GetMechanismInfo(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR info) {
  CK_SLOT_ID target;
  CK_RV rv = sim_enter_slot("C_GetMechanismInfo", slot, 1, &target);
  if (rv != CKR_OK || (rv = sim.target->C_GetMechanismInfo(target, type, info)) != CKR_OK) return rv;
  pthread_mutex_lock(&sim.lock);
  int legacy = sim.slots[slot].legacy;
  pthread_mutex_unlock(&sim.lock);
  if (legacy && type == CKM_RSA_PKCS_KEY_PAIR_GEN && info != NULL) {
    info->ulMaxKeySize = SIM_LEGACY_MAX_RSA_BITS;
    if (info->ulMinKeySize > SIM_LEGACY_MAX_RSA_BITS) info->ulMinKeySize = SIM_LEGACY_MAX_RSA_BITS;
  }
  return CKR_OK;
}

/* The first slot whose token came or went since the caller last asked, if any. Caller holds sim.lock. */
static int take_event(CK_SLOT_ID *slot) {
  for (size_t i = 0; i < sim.slot_count; i++) {
    sim_slot *s = &sim.slots[i];
    if (s->present == s->reported_present && s->epoch == s->reported_epoch) continue;
    s->reported_present = s->present;
    s->reported_epoch = s->epoch;
    *slot = i;
    return 1;
  }
  return 0;
}

CK_RV sim_C_WaitForSlotEvent(CK_FLAGS flags, CK_SLOT_ID_PTR slot, CK_VOID_PTR reserved) {
  (void)reserved;
  if (slot == NULL) return CKR_ARGUMENTS_BAD;
  CK_RV rv = sim_enter_global("C_WaitForSlotEvent");
  if (rv != CKR_OK) return rv;
  /* Blocking waits poll the control file; C_Finalize from another thread ends them. */
  for (;;) {
    pthread_mutex_lock(&sim.lock);
    if (!sim.initialized) rv = CKR_CRYPTOKI_NOT_INITIALIZED;
    else {
      sim_control_refresh();
      rv = take_event(slot) ? CKR_OK : CKR_NO_EVENT;
    }
    pthread_mutex_unlock(&sim.lock);
    if (rv != CKR_NO_EVENT || (flags & CKF_DONT_BLOCK)) return rv;
    usleep(100 * 1000);
  }
}
