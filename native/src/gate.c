/*
 * Every entry point passes one of these gates before the wrapped module is called:
 * library initialized, control file re-read, slot or session known, token present,
 * and no injected fault due. The gate copies what the call needs (the wrapped slot
 * or session handle) so sim.lock is released before the real work starts.
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

sim_session *sim_session_find(CK_SESSION_HANDLE handle) {
  for (sim_session *s = sim.sessions; s != NULL; s = s->next)
    if (s->handle == handle) return s;
  return NULL;
}

void sim_session_drop(sim_session *session) {
  for (sim_session **link = &sim.sessions; *link != NULL; link = &(*link)->next) {
    if (*link == session) {
      *link = session->next;
      free(session);
      return;
    }
  }
}

void sim_sessions_free_all(void) {
  while (sim.sessions != NULL) {
    sim_session *next = sim.sessions->next;
    free(sim.sessions);
    sim.sessions = next;
  }
}

/* Functions after whose failure PKCS#11 says the running crypto operation is over. */
static int ends_operation(const char *function) {
  static const char *const prefixes[] = {"C_Sign", "C_Verify", "C_Encrypt", "C_Decrypt", "C_Digest"};
  size_t length = strlen(function);
  if (length >= 4 && strcmp(function + length - 4, "Init") == 0) return 0;
  for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
    if (strncmp(function, prefixes[i], strlen(prefixes[i])) == 0) return 1;
  return 0;
}

/*
 * An injected fault must leave the wrapped module where real hardware would: a
 * "removed" session is gone, and a failed C_Sign & co. has ended its operation. The
 * wrapped module never saw the failure, so its operation is ended by swapping in a
 * fresh session (opened before the old one closes, so the login survives).
 */
static void after_fault(sim_session *s, const char *function, CK_RV rv) {
  if (rv == CKR_DEVICE_REMOVED || rv == CKR_SESSION_CLOSED || rv == CKR_SESSION_HANDLE_INVALID) {
    sim.target->C_CloseSession(s->target);
    sim_session_drop(s);
    return;
  }
  if (!ends_operation(function)) return;
  CK_SESSION_HANDLE fresh;
  if (sim.target->C_OpenSession(sim.slots[s->slot].target_slot, s->flags, NULL, NULL, &fresh) == CKR_OK) {
    sim.target->C_CloseSession(s->target);
    s->target = fresh;
  }
}

CK_RV sim_enter_global(const char *function) {
  pthread_mutex_lock(&sim.lock);
  CK_RV rv = CKR_CRYPTOKI_NOT_INITIALIZED;
  if (sim.initialized) {
    sim_control_refresh();
    rv = sim_fault_check(function, -1);
  }
  pthread_mutex_unlock(&sim.lock);
  return rv;
}

CK_RV sim_enter_slot(const char *function, CK_SLOT_ID slot, int needs_token, CK_SLOT_ID *target) {
  pthread_mutex_lock(&sim.lock);
  CK_RV rv = CKR_OK;
  if (!sim.initialized) {
    rv = CKR_CRYPTOKI_NOT_INITIALIZED;
  } else {
    sim_control_refresh();
    if (slot >= sim.slot_count) rv = CKR_SLOT_ID_INVALID;
    else if (needs_token && !sim.slots[slot].present) rv = CKR_TOKEN_NOT_PRESENT;
    else rv = sim_fault_check(function, (long)slot);
    if (rv == CKR_OK && target != NULL) *target = sim.slots[slot].target_slot;
  }
  pthread_mutex_unlock(&sim.lock);
  return rv;
}

CK_RV sim_enter_session(const char *function, CK_SESSION_HANDLE handle, CK_SESSION_HANDLE *target, size_t *slot) {
  pthread_mutex_lock(&sim.lock);
  CK_RV rv = CKR_OK;
  if (!sim.initialized) {
    rv = CKR_CRYPTOKI_NOT_INITIALIZED;
    goto out;
  }
  sim_control_refresh();
  sim_session *s = sim_session_find(handle);
  if (s == NULL) {
    rv = CKR_SESSION_HANDLE_INVALID;
    goto out;
  }
  if (s->removed) {
    /* Reported once; afterwards the handle is simply unknown, as on the hardware. */
    sim_session_drop(s);
    rv = CKR_DEVICE_REMOVED;
    goto out;
  }
  rv = sim_fault_check(function, (long)s->slot);
  if (rv != CKR_OK) {
    after_fault(s, function, rv);
    goto out;
  }
  *target = s->target;
  if (slot != NULL) *slot = s->slot;
out:
  pthread_mutex_unlock(&sim.lock);
  return rv;
}
