/*
 * Sessions carry the sim's own handles, not the wrapped module's: a session of a
 * pulled-out token must stay recognizable (to answer CKR_DEVICE_REMOVED once) after
 * its wrapped session is closed, and handles are never reused, so a handle from
 * before a removal can never reach a session opened after re-insertion.
 */
#include <stdlib.h>

#include "entry_points.h"
#include "sim.h"

CK_RV sim_C_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR application, CK_NOTIFY notify,
                        CK_SESSION_HANDLE_PTR session) {
  (void)application;
  (void)notify; /* like most vendor modules, the sim never calls back */
  if (session == NULL) return CKR_ARGUMENTS_BAD;
  CK_SLOT_ID target_slot;
  CK_RV rv = sim_enter_slot("C_OpenSession", slot, 1, &target_slot);
  if (rv != CKR_OK) return rv;
  CK_SESSION_HANDLE target;
  if ((rv = sim.target->C_OpenSession(target_slot, flags, NULL, NULL, &target)) != CKR_OK) return rv;
  sim_session *s = calloc(1, sizeof *s);
  pthread_mutex_lock(&sim.lock);
  if (s == NULL) rv = CKR_HOST_MEMORY;
  else if (!sim.initialized) rv = CKR_CRYPTOKI_NOT_INITIALIZED;
  else if (!sim.slots[slot].present) rv = CKR_TOKEN_NOT_PRESENT; /* pulled out while we were opening */
  if (rv == CKR_OK) {
    s->handle = sim.next_handle++;
    s->target = target;
    s->slot = slot;
    s->flags = flags;
    s->next = sim.sessions;
    sim.sessions = s;
    *session = s->handle;
  }
  pthread_mutex_unlock(&sim.lock);
  if (rv != CKR_OK) {
    free(s);
    sim.target->C_CloseSession(target);
  }
  return rv;
}

CK_RV sim_C_CloseSession(CK_SESSION_HANDLE session) {
  pthread_mutex_lock(&sim.lock);
  CK_RV rv = CKR_OK;
  CK_SESSION_HANDLE target = 0;
  int forward = 0;
  if (!sim.initialized) {
    rv = CKR_CRYPTOKI_NOT_INITIALIZED;
  } else {
    sim_control_refresh();
    sim_session *s = sim_session_find(session);
    if (s == NULL) {
      rv = CKR_SESSION_HANDLE_INVALID;
    } else if (s->removed) {
      sim_session_drop(s); /* cleaning up after a removal is not an error */
    } else if ((rv = sim_fault_check("C_CloseSession", (long)s->slot)) == CKR_OK) {
      target = s->target;
      forward = 1;
      sim_session_drop(s);
    }
  }
  pthread_mutex_unlock(&sim.lock);
  return forward ? sim.target->C_CloseSession(target) : rv;
}

CK_RV sim_C_CloseAllSessions(CK_SLOT_ID slot) {
  CK_RV rv = sim_enter_slot("C_CloseAllSessions", slot, 0, NULL);
  if (rv != CKR_OK) return rv;
  pthread_mutex_lock(&sim.lock);
  sim_session **link = &sim.sessions;
  while (*link != NULL) {
    sim_session *s = *link;
    if (s->slot != slot) {
      link = &s->next;
      continue;
    }
    if (!s->removed) sim.target->C_CloseSession(s->target);
    *link = s->next;
    free(s);
  }
  pthread_mutex_unlock(&sim.lock);
  return CKR_OK;
}

CK_RV sim_C_GetSessionInfo(CK_SESSION_HANDLE session, CK_SESSION_INFO_PTR info) {
  CK_SESSION_HANDLE target;
  size_t slot;
  CK_RV rv = sim_enter_session("C_GetSessionInfo", session, &target, &slot);
  if (rv != CKR_OK) return rv;
  if ((rv = sim.target->C_GetSessionInfo(target, info)) == CKR_OK) info->slotID = slot;
  return rv;
}

CK_RV sim_C_Logout(CK_SESSION_HANDLE session) {
  CK_SESSION_HANDLE target;
  CK_RV rv = sim_enter_session("C_Logout", session, &target, NULL);
  return rv != CKR_OK ? rv : sim.target->C_Logout(target);
}
