/*
 * Object calls, with SafeNet's hardware-feature objects (feature_objects.c) mixed in:
 * a search that asks for them gets them first, then whatever the wrapped module finds;
 * calls on their handles are answered here and never reach the wrapped module.
 */
#include "entry_points.h"
#include "sim.h"

CK_RV sim_C_FindObjectsInit(CK_SESSION_HANDLE session, CK_ATTRIBUTE_PTR templ, CK_ULONG count) {
  CK_SESSION_HANDLE target;
  size_t slot;
  CK_RV rv = sim_enter_session("C_FindObjectsInit", session, &target, &slot);
  if (rv != CKR_OK) return rv;
  if ((rv = sim.target->C_FindObjectsInit(target, templ, count)) != CKR_OK) return rv;
  pthread_mutex_lock(&sim.lock);
  sim_session *s = sim_session_find(session);
  if (s != NULL) s->find_features = sim_features_selected(templ, count, slot);
  pthread_mutex_unlock(&sim.lock);
  return CKR_OK;
}

CK_RV sim_C_FindObjects(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE_PTR objects, CK_ULONG max, CK_ULONG_PTR count) {
  CK_SESSION_HANDLE target;
  CK_RV rv = sim_enter_session("C_FindObjects", session, &target, NULL);
  if (rv != CKR_OK) return rv;
  if (objects == NULL || count == NULL) return CKR_ARGUMENTS_BAD;
  CK_ULONG ours = 0;
  pthread_mutex_lock(&sim.lock);
  sim_session *s = sim_session_find(session);
  for (unsigned index = 0; s != NULL && index < SIM_FEATURE_COUNT && ours < max; index++) {
    if (!(s->find_features & (1u << index))) continue;
    objects[ours++] = sim_feature_handle(index);
    s->find_features &= ~(1u << index);
  }
  pthread_mutex_unlock(&sim.lock);
  CK_ULONG theirs = 0;
  rv = sim.target->C_FindObjects(target, objects + ours, max - ours, &theirs);
  *count = ours + (rv == CKR_OK ? theirs : 0);
  return rv;
}

CK_RV sim_C_FindObjectsFinal(CK_SESSION_HANDLE session) {
  CK_SESSION_HANDLE target;
  CK_RV rv = sim_enter_session("C_FindObjectsFinal", session, &target, NULL);
  if (rv != CKR_OK) return rv;
  pthread_mutex_lock(&sim.lock);
  sim_session *s = sim_session_find(session);
  if (s != NULL) s->find_features = 0;
  pthread_mutex_unlock(&sim.lock);
  return sim.target->C_FindObjectsFinal(target);
}

CK_RV sim_C_GetAttributeValue(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_PTR templ,
                              CK_ULONG count) {
  CK_SESSION_HANDLE target;
  size_t slot;
  CK_RV rv = sim_enter_session("C_GetAttributeValue", session, &target, &slot);
  if (rv != CKR_OK) return rv;
  if (!sim_is_feature_object(object)) return sim.target->C_GetAttributeValue(target, object, templ, count);
  if (templ == NULL && count > 0) return CKR_ARGUMENTS_BAD;
  pthread_mutex_lock(&sim.lock);
  rv = sim_feature_attributes(object, slot, templ, count);
  pthread_mutex_unlock(&sim.lock);
  return rv;
}

CK_RV sim_C_SetAttributeValue(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_PTR templ,
                              CK_ULONG count) {
  CK_SESSION_HANDLE target;
  CK_RV rv = sim_enter_session("C_SetAttributeValue", session, &target, NULL);
  if (rv != CKR_OK) return rv;
  if (sim_is_feature_object(object)) return CKR_ATTRIBUTE_READ_ONLY;
  return sim.target->C_SetAttributeValue(target, object, templ, count);
}

CK_RV sim_C_DestroyObject(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object) {
  CK_SESSION_HANDLE target;
  CK_RV rv = sim_enter_session("C_DestroyObject", session, &target, NULL);
  if (rv != CKR_OK) return rv;
  if (sim_is_feature_object(object)) return CKR_ACTION_PROHIBITED;
  return sim.target->C_DestroyObject(target, object);
}

CK_RV sim_C_CopyObject(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_PTR templ, CK_ULONG count,
                       CK_OBJECT_HANDLE_PTR copy) {
  CK_SESSION_HANDLE target;
  CK_RV rv = sim_enter_session("C_CopyObject", session, &target, NULL);
  if (rv != CKR_OK) return rv;
  if (sim_is_feature_object(object)) return CKR_ACTION_PROHIBITED;
  return sim.target->C_CopyObject(target, object, templ, count, copy);
}

CK_RV sim_C_GetObjectSize(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object, CK_ULONG_PTR size) {
  CK_SESSION_HANDLE target;
  CK_RV rv = sim_enter_session("C_GetObjectSize", session, &target, NULL);
  if (rv != CKR_OK) return rv;
  if (!sim_is_feature_object(object)) return sim.target->C_GetObjectSize(target, object, size);
  if (size == NULL) return CKR_ARGUMENTS_BAD;
  *size = CK_UNAVAILABLE_INFORMATION;
  return CKR_OK;
}
