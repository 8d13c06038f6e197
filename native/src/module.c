/*
 * Library lifetime: C_Initialize loads the wrapped module (ETOKENSIM_TARGET), makes
 * one sim slot of every initialized token it has, and records those tokens in the
 * state dir (ETOKENSIM_STATE) so `npm run sim -- status` can name them.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "entry_points.h"
#include "sim.h"

sim_state sim = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .pin_lock = PTHREAD_MUTEX_INITIALIZER,
};

static void complain(const char *what, const char *detail) {
  fprintf(stderr, "etokensim: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
}

/*
 * The wrapped module stays loaded for the life of the process: unloading SoftHSM
 * (and with it OpenSSL) while its exit handlers are registered is a known crash.
 */
static CK_RV load_target(void) {
  if (sim.target != NULL) return CKR_OK;
  const char *path = getenv("ETOKENSIM_TARGET");
  if (path == NULL || *path == '\0') {
    complain("ETOKENSIM_TARGET is not set (path of the PKCS#11 module to wrap, e.g. /usr/lib/softhsm/libsofthsm2.so)", NULL);
    return CKR_GENERAL_ERROR;
  }
  sim.target_dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (sim.target_dl == NULL) {
    complain("cannot load ETOKENSIM_TARGET", dlerror());
    return CKR_GENERAL_ERROR;
  }
  CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(sim.target_dl, "C_GetFunctionList");
  if (get == NULL || get(&sim.target) != CKR_OK || sim.target == NULL) {
    complain("ETOKENSIM_TARGET has no usable C_GetFunctionList", path);
    sim.target = NULL;
    return CKR_GENERAL_ERROR;
  }
  return CKR_OK;
}

static CK_RV open_state_dir(void) {
  const char *dir = getenv("ETOKENSIM_STATE");
  if (dir == NULL || *dir == '\0') {
    complain("ETOKENSIM_STATE is not set (directory for PIN counters, removals and faults)", NULL);
    return CKR_GENERAL_ERROR;
  }
  if (strlen(dir) >= sizeof sim.state_dir - 64) {
    complain("ETOKENSIM_STATE is too long", NULL);
    return CKR_GENERAL_ERROR;
  }
  if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
    complain("cannot create ETOKENSIM_STATE", strerror(errno));
    return CKR_GENERAL_ERROR;
  }
  snprintf(sim.state_dir, sizeof sim.state_dir, "%s", dir);
  return CKR_OK;
}

static void record_token(size_t index) {
  const sim_slot *slot = &sim.slots[index];
  char name[32], path[PATH_MAX], content[256];
  snprintf(name, sizeof name, "token-%s", slot->serial);
  sim_state_path(path, sizeof path, name);
  snprintf(content, sizeof content, "serial %s\ntarget-serial %s\nslot %zu\nlabel %s\n", slot->serial,
           slot->target_serial, index, slot->label);
  if (sim_write_file_atomic(path, content) != 0) complain("cannot write token record", path);
}

static void trim_label(const unsigned char raw[32], char out[33]) {
  size_t length = 32;
  while (length > 0 && (raw[length - 1] == ' ' || raw[length - 1] == '\0')) length--;
  for (size_t i = 0; i < length; i++) out[i] = (raw[i] == '\n' || raw[i] == '\r') ? ' ' : (char)raw[i];
  out[length] = '\0';
}

static CK_RV discover_tokens(void) {
  CK_ULONG count = 0;
  CK_RV rv = sim.target->C_GetSlotList(CK_TRUE, NULL, &count);
  if (rv != CKR_OK) return rv;
  CK_SLOT_ID *ids = calloc(count ? count : 1, sizeof *ids);
  if (ids == NULL) return CKR_HOST_MEMORY;
  rv = sim.target->C_GetSlotList(CK_TRUE, ids, &count);
  sim.slot_count = 0;
  for (CK_ULONG i = 0; rv == CKR_OK && i < count && sim.slot_count < SIM_MAX_SLOTS; i++) {
    CK_TOKEN_INFO info;
    if (sim.target->C_GetTokenInfo(ids[i], &info) != CKR_OK || !(info.flags & CKF_TOKEN_INITIALIZED)) continue;
    sim_slot *slot = &sim.slots[sim.slot_count];
    memset(slot, 0, sizeof *slot);
    slot->target_slot = ids[i];
    sim_serial_from_target(info.serialNumber, slot->serial, slot->target_serial);
    trim_label(info.label, slot->label);
    slot->present = 1;
    record_token(sim.slot_count);
    sim.slot_count++;
  }
  free(ids);
  return rv;
}

CK_RV sim_C_Initialize(CK_VOID_PTR init_args) {
  pthread_mutex_lock(&sim.lock);
  CK_RV rv = CKR_OK;
  if (sim.initialized) {
    rv = CKR_CRYPTOKI_ALREADY_INITIALIZED;
    goto out;
  }
  if ((rv = open_state_dir()) != CKR_OK || (rv = load_target()) != CKR_OK) goto out;
  rv = sim.target->C_Initialize(init_args);
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) goto out;
  if ((rv = discover_tokens()) != CKR_OK) {
    sim.target->C_Finalize(NULL);
    goto out;
  }
  sim.initialized = 1;
  sim.next_handle = 1;
  sim_control_refresh();
  for (size_t i = 0; i < sim.slot_count; i++) {
    sim.slots[i].reported_present = sim.slots[i].present;
    sim.slots[i].reported_epoch = sim.slots[i].epoch;
  }
out:
  pthread_mutex_unlock(&sim.lock);
  return rv;
}

CK_RV sim_C_Finalize(CK_VOID_PTR reserved) {
  if (reserved != NULL) return CKR_ARGUMENTS_BAD;
  pthread_mutex_lock(&sim.lock);
  CK_RV rv = CKR_CRYPTOKI_NOT_INITIALIZED;
  if (sim.initialized) {
    sim.initialized = 0;
    sim_sessions_free_all();
    sim_control_free();
    sim.slot_count = 0;
    rv = sim.target->C_Finalize(NULL);
  }
  pthread_mutex_unlock(&sim.lock);
  return rv;
}

/* PKCS#11 text fields are blank-padded, not NUL-terminated. */
void sim_pad(unsigned char *out, size_t size, const char *text) {
  size_t length = strlen(text);
  memset(out, ' ', size);
  memcpy(out, text, length < size ? length : size);
}

CK_RV sim_C_GetInfo(CK_INFO_PTR info) {
  CK_RV rv = sim_enter_global("C_GetInfo");
  if (rv != CKR_OK) return rv;
  if (info == NULL) return CKR_ARGUMENTS_BAD;
  memset(info, 0, sizeof *info);
  info->cryptokiVersion.major = 2;
  info->cryptokiVersion.minor = 40;
  sim_pad(info->manufacturerID, sizeof info->manufacturerID, "SafeNet, Inc.");
  sim_pad(info->libraryDescription, sizeof info->libraryDescription, "eToken simulator (TokenDesk)");
  info->libraryVersion.major = 1;
  info->libraryVersion.minor = 0;
  return CKR_OK;
}
